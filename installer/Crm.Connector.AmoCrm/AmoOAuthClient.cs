using System.Net;
using Crm.Connector.AmoCrm.Errors;
using Crm.Connector.AmoCrm.Transport;
using Newtonsoft.Json.Linq;
using RestSharp;

namespace Crm.Connector.AmoCrm;

/// <summary>
/// The token endpoint, <c>POST https://{account host}/oauth2/access_token</c> (amocrm-api.md §2.4): exchanges an
/// authorization code (install) or a refresh token (rotation) for a new pair. Requests count in the account's request
/// budget like API calls.
/// </summary>
public sealed class AmoOAuthClient : IDisposable
{
    private const string Call = "POST /oauth2/access_token";
    private const int DefaultLifetimeSeconds = 86400;

    private readonly RestClient? _owned;
    private readonly AmoTransport _transport;

    /// <summary>
    /// A token client of its own (for the install handler): over <paramref name="http"/> from
    /// <see cref="IHttpClientFactory"/>, or without one over an HTTP client it makes and disposes.
    /// </summary>
    public AmoOAuthClient(AmoCrmClientOptions? options = null, HttpClient? http = null)
    {
        options ??= new AmoCrmClientOptions();
        var rest = AmoCrmClient.CreateHttp(options, http);
        _owned = http is null ? rest : null;
        _transport = new AmoTransport(rest, options, new ClientCounters());
    }

    internal AmoOAuthClient(AmoTransport transport) => _transport = transport;

    /// <summary>
    /// <c>grant_type=authorization_code</c>: the code from the redirect (valid 20 minutes, once). A refused code is an
    /// <see cref="AmoCrmAuthenticationException"/>.
    /// </summary>
    public async Task<AmoTokens> ExchangeCodeAsync(AmoAccountAddress account, AmoOAuthApp app, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var (status, body, requestId) = await PostAsync(account, app, "authorization_code", "code", code, cancellationToken);
        if (status is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError)
        {
            throw new AmoCrmAuthenticationException(Call, status, Title(body, status), $"the authorization code was refused (expired after 20 minutes, used already, or not for this integration): {Detail(body)}", requestId);
        }

        return Read(account, status, body, requestId);
    }

    /// <summary>
    /// <c>grant_type=refresh_token</c>. A refused refresh token ("Token has been revoked", <c>invalid_grant</c>) is an
    /// <see cref="AmoCrmReinstallRequiredException"/> — unless the caller finds a newer pair in its store. A lost answer
    /// is an <see cref="AmoCrmTransportException"/>: the old refresh token keeps working until the new one is used
    /// (amocrm-api.md §2.5), so the refresh may simply be tried again.
    /// </summary>
    public async Task<AmoTokens> RefreshAsync(AmoAccountAddress account, AmoOAuthApp app, string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        var (status, body, requestId) = await PostAsync(account, app, "refresh_token", "refresh_token", refreshToken, cancellationToken);
        if (status is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError)
        {
            var words = $"{body?.Value<string>("hint")} {body?.Value<string>("error")} {body?.Value<string>("detail")}";
            throw words.Contains("invalid_client", StringComparison.OrdinalIgnoreCase)
                ? new AmoCrmAuthenticationException(Call, status, Title(body, status), $"the integration id or secret key is wrong: {Detail(body)}", requestId)
                : new AmoCrmReinstallRequiredException(account.Key, status, Title(body, status), Detail(body), requestId);
        }

        return Read(account, status, body, requestId);
    }

    public void Dispose() => _owned?.Dispose();

    private async Task<(HttpStatusCode Status, JObject? Body, string? RequestId)> PostAsync(AmoAccountAddress account, AmoOAuthApp app, string grant, string name, string value, CancellationToken cancellationToken)
    {
        var payload = new JObject
        {
            ["client_id"] = app.ClientId,
            ["client_secret"] = app.ClientSecret,
            ["grant_type"] = grant,
            [name] = value,
            ["redirect_uri"] = app.RedirectUri.ToString(),
        };
        var request = new RestRequest(new Uri(account.BaseUrl, "oauth2/access_token"), Method.Post)
            .AddStringBody(payload.ToString(Newtonsoft.Json.Formatting.None), ContentType.Json);
        var response = await _transport.SendAsync(account.Key, Call, request, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (LostAnswer.Is(response))
        {
            throw new AmoCrmTransportException(Call, $"{LostAnswer.Describe(response)}; the {grant.Replace('_', ' ')} sent for {account.Key} may have been used — the previous refresh token stays valid until the new one is used", LostAnswer.MayHaveRun(response), response.ErrorException);
        }

        return (response.StatusCode, AmoJson.TryParseObject(response.Content), AmoTransport.RequestId(response));
    }

    private AmoTokens Read(AmoAccountAddress account, HttpStatusCode status, JObject? body, string? requestId)
    {
        if ((int)status is < 200 or > 299 || body?.Value<string>("access_token") is not { Length: > 0 } access || body.Value<string>("refresh_token") is not { Length: > 0 } refresh)
        {
            // Never quote the answer: it may hold a token.
            throw new AmoCrmServerException(Call, status, Title(body, status), "the token endpoint did not answer with a token pair", requestId);
        }

        var lifetime = body.Value<long?>("expires_in") ?? DefaultLifetimeSeconds;
        return new AmoTokens
        {
            AccountKey = account.Key,
            AccessToken = access,
            RefreshToken = refresh,
            ExpiresAt = _transport.Time.GetUtcNow().AddSeconds(lifetime),
        };
    }

    private static string Title(JObject? body, HttpStatusCode status) => body?.Value<string>("title") ?? status.ToString();

    private static string Detail(JObject? body) =>
        string.Join(" — ", new[] { body?.Value<string>("hint"), body?.Value<string>("detail") }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
