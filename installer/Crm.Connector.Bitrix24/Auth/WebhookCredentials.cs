namespace Crm.Connector.Bitrix24.Auth;

/// <summary>
/// An incoming webhook, <c>https://{portal}/rest/{user}/{secret}/</c> (bitrix24-rest.md §3): the URL is the
/// credential; no tokens, no refresh, no app context.
/// </summary>
public sealed class WebhookCredentials : Bitrix24Credentials
{
    private Uri _endpoint;

    public WebhookCredentials(Uri webhookUrl)
    {
        ArgumentNullException.ThrowIfNull(webhookUrl);
        _endpoint = Normalize(webhookUrl);
    }

    public override string PortalKey => _endpoint.Authority;

    public override bool IsAppContext => false;

    /// <summary>The webhook URL as used now (after any move).</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>
    /// Parses a webhook URL as a user pastes it; null with the reason when it is not one
    /// (<c>https://portal.bitrix24.ru/rest/1/abc123/</c>, optionally followed by a method name).
    /// </summary>
    public static WebhookCredentials? TryParse(string text, out string? error)
    {
        error = null;
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            error = $"'{text}' is not an http(s) URL. A webhook URL looks like https://your-portal.bitrix24.ru/rest/1/abc123xyz/.";
            return null;
        }

        var parts = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var rest = Array.IndexOf(parts, "rest");
        if (rest < 0 || parts.Length < rest + 3 || !int.TryParse(parts[rest + 1], out _))
        {
            error = $"'{text}' is not a Bitrix24 incoming webhook: its path must be /rest/<user id>/<secret>/ (Developer resources → Other → Inbound webhook).";
            return null;
        }

        var path = "/" + string.Join('/', parts.Take(rest + 3)) + "/";
        return new WebhookCredentials(new UriBuilder(uri) { Path = path, Query = string.Empty, Fragment = string.Empty }.Uri);
    }

    public override ValueTask<Uri> GetEndpointAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_endpoint);

    public override ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public override ValueTask<TokenRefresh> RefreshAsync(string? staleAccessToken, CancellationToken cancellationToken) => ValueTask.FromResult(TokenRefresh.NotRefreshable);

    public override ValueTask MoveToAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        _endpoint = Normalize(endpoint);
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"webhook on {_endpoint.Authority}";

    private static Uri Normalize(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
