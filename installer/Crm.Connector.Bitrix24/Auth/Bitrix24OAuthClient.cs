using System.Globalization;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;
using RestSharp;

namespace Crm.Connector.Bitrix24.Auth;

/// <summary>The OAuth token endpoint: exchanges a refresh token for a new pair (bitrix24-rest.md §2.3).</summary>
public sealed class Bitrix24OAuthClient(OAuthAppOptions app, IRestClient http, TimeProvider time)
{
    private const string Method = "oauth/token";

    /// <summary>
    /// Over an <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> (see <c>AddBitrix24Http</c>), which owns its
    /// handler: nothing here needs disposing.
    /// </summary>
    public Bitrix24OAuthClient(OAuthAppOptions app, HttpClient httpClient, TimeProvider time, Bitrix24ClientOptions? options = null)
        : this(app, Bitrix24Client.CreateHttp(httpClient, options ?? new Bitrix24ClientOptions()), time)
    {
    }

    /// <summary>
    /// <c>GET {token endpoint}?grant_type=refresh_token&amp;…</c>. The used refresh token dies on success. A refused one
    /// (<c>invalid_grant</c>) means the installation is gone: <see cref="Bitrix24ReinstallRequiredException"/>. An answer
    /// that cannot be read (none, empty, cut off, an HTML page) is a <see cref="Bitrix24Exception"/> saying the refresh
    /// token may already be spent: the server may have rotated it without our learning the new one.
    /// </summary>
    public async Task<OAuthTokens> RefreshAsync(OAuthTokens current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        var request = new RestRequest(app.TokenEndpoint)
            .AddQueryParameter("grant_type", "refresh_token")
            .AddQueryParameter("client_id", app.ClientId)
            .AddQueryParameter("client_secret", app.ClientSecret)
            .AddQueryParameter("refresh_token", current.RefreshToken);
        var response = await http.ExecuteAsync(request, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (TransportFailure.NoAnswer(response))
        {
            // A refresh that may have reached the server may also have rotated the token; nothing safe remains but to report it.
            throw TransportFailure.From(Method, app.TokenEndpoint, response, idempotent: false, timeout: null, suffix: MaySpent(current.MemberId));
        }

        // Never quote the answer itself in an error: a cut-off body may hold a token.
        var body = Bitrix24Json.TryParseObject(response.Content);
        var error = body?["error"]?.Type == JTokenType.String ? body.Value<string>("error") : null;
        if (error is not null || (!response.IsSuccessful && body is not null))
        {
            var description = body?.Value<string>("error_description") ?? string.Empty;
            throw error switch
            {
                Bitrix24ErrorCodes.InvalidGrant => new Bitrix24ReinstallRequiredException(current.MemberId, description, response.StatusCode),
                Bitrix24ErrorCodes.InvalidClient => new Bitrix24AuthenticationException(Method, error, $"the OAuth client id or secret is wrong, or the app is not installed on the portal: {description}", response.StatusCode),
                _ => Bitrix24ErrorMapper.Map(Method, error, description, response.StatusCode, idempotent: false),
            };
        }

        if (!response.IsSuccessful && (int)response.StatusCode < 500)
        {
            // Refused without a readable reason (a 404 page, a proxy's 403): the refresh did not happen.
            throw Bitrix24ErrorMapper.Map(Method, null, $"the OAuth server answered with {What(response)}", response.StatusCode, idempotent: false);
        }

        if (body is null || !response.IsSuccessful)
        {
            throw Unreadable(current.MemberId, response, What(response));
        }

        var now = time.GetUtcNow();
        var expiresIn = body.Value<int?>("expires_in") ?? 3600;
        return current with
        {
            AccessToken = body.Value<string>("access_token") is { Length: > 0 } access ? access : throw Unreadable(current.MemberId, response, "no access token in it"),
            RefreshToken = body.Value<string>("refresh_token") is { Length: > 0 } refresh ? refresh : throw Unreadable(current.MemberId, response, "no refresh token in it"),
            ExpiresAt = body.Value<long?>("expires") is { } unix ? DateTimeOffset.FromUnixTimeSeconds(unix) : now.AddSeconds(expiresIn),
            ClientEndpoint = body.Value<string>("client_endpoint") is { Length: > 0 } endpoint ? new Uri(endpoint) : current.ClientEndpoint,
            ServerEndpoint = body.Value<string>("server_endpoint") is { Length: > 0 } server ? new Uri(server) : current.ServerEndpoint,
            Scope = body.Value<string>("scope") ?? current.Scope,
            UserId = body.Value<string>("user_id") is { } user && int.TryParse(user, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : current.UserId,
        };
    }

    /// <summary>What the answer was, in words that never include its content.</summary>
    private static string What(RestResponse response) => response.Content switch
    {
        null or { Length: 0 } => "an empty body",
        var text when text.TrimStart().StartsWith('<') || response.ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true => "an HTML page, not the token pair",
        var text => $"{text.Length} characters that are not a JSON object (cut off or broken)",
    };

    private static Bitrix24ServerException Unreadable(string memberId, RestResponse response, string what) => new(
        Method,
        Bitrix24ErrorCodes.UnexpectedAnswer,
        $"the OAuth server answered the token refresh with {what}" + MaySpent(memberId),
        response.StatusCode,
        idempotent: false);

    private static string MaySpent(string memberId) =>
        $"; the refresh token sent for portal {memberId} may already be spent — if the next refresh is refused (invalid_grant), the app must be re-installed on the portal";
}
