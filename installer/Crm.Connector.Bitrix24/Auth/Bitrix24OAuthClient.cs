using System.Globalization;
using System.Net;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Bitrix24.Transport;
using RestSharp;

namespace Crm.Connector.Bitrix24.Auth;

/// <summary>The OAuth token endpoint: exchanges a refresh token for a new pair (bitrix24-rest.md §2.3).</summary>
public sealed class Bitrix24OAuthClient(OAuthAppOptions app, IRestClient http, TimeProvider time)
{
    /// <summary>
    /// <c>GET {token endpoint}?grant_type=refresh_token&amp;…</c>. The used refresh token dies on success. A refused one
    /// (<c>invalid_grant</c>) means the installation is gone: <see cref="Bitrix24ReinstallRequiredException"/>.
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
        if (response.StatusCode == 0)
        {
            // A refresh that may have reached the server may also have rotated the token; nothing safe remains but to report it.
            throw new Bitrix24TransportException("oauth/token", response.ErrorMessage ?? "no answer from the OAuth server", mayHaveRun: TransportFailure.MayHaveRun(response.ErrorException), idempotent: false, response.ErrorException);
        }

        var body = Bitrix24Json.TryParseObject(response.Content);
        var error = body?.Value<string>("error");
        if (!response.IsSuccessful || error is not null)
        {
            var description = body?.Value<string>("error_description") ?? response.Content ?? string.Empty;
            throw error switch
            {
                Bitrix24ErrorCodes.InvalidGrant => new Bitrix24ReinstallRequiredException(current.MemberId, description, response.StatusCode),
                Bitrix24ErrorCodes.InvalidClient => new Bitrix24AuthenticationException("oauth/token", error, $"the OAuth client id or secret is wrong, or the app is not installed on the portal: {description}", response.StatusCode),
                _ => Bitrix24ErrorMapper.Map("oauth/token", error, description, response.StatusCode, idempotent: false),
            };
        }

        var now = time.GetUtcNow();
        var expiresIn = body!.Value<int?>("expires_in") ?? 3600;
        return current with
        {
            AccessToken = body.Value<string>("access_token") ?? throw Malformed(response.StatusCode),
            RefreshToken = body.Value<string>("refresh_token") ?? throw Malformed(response.StatusCode),
            ExpiresAt = body.Value<long?>("expires") is { } unix ? DateTimeOffset.FromUnixTimeSeconds(unix) : now.AddSeconds(expiresIn),
            ClientEndpoint = body.Value<string>("client_endpoint") is { Length: > 0 } endpoint ? new Uri(endpoint) : current.ClientEndpoint,
            ServerEndpoint = body.Value<string>("server_endpoint") is { Length: > 0 } server ? new Uri(server) : current.ServerEndpoint,
            Scope = body.Value<string>("scope") ?? current.Scope,
            UserId = body.Value<string>("user_id") is { } user && int.TryParse(user, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : current.UserId,
        };
    }

    private static Bitrix24ServerException Malformed(HttpStatusCode status) =>
        new Bitrix24ServerException("oauth/token", Bitrix24ErrorCodes.UnexpectedAnswer, "the OAuth server answered without a token pair", status, idempotent: false);
}
