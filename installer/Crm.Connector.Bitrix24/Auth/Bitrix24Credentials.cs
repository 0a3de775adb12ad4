namespace Crm.Connector.Bitrix24.Auth;

/// <summary>
/// How the client reaches a portal: an incoming webhook URL or an OAuth app installation. Knows the REST endpoint,
/// supplies the access token, refreshes it and follows the portal when its address changes.
/// </summary>
public abstract class Bitrix24Credentials
{
    /// <summary>Identity of the portal for rate limiting (its member id, or the webhook's host).</summary>
    public abstract string PortalKey { get; }

    /// <summary>True for an app installation: app-only methods (events, robots, app.info) are available.</summary>
    public abstract bool IsAppContext { get; }

    /// <summary>The current REST endpoint; a method URL is this plus the method name.</summary>
    public abstract ValueTask<Uri> GetEndpointAsync(CancellationToken cancellationToken);

    /// <summary>The access token to send as <c>auth</c>, or null when the endpoint itself authenticates (webhook).</summary>
    public abstract ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces <paramref name="staleAccessToken"/> (single-flight): says whether this call refreshed or was handed the
    /// token someone else had stored meanwhile, and gives the token to use; <see cref="TokenRefreshOutcome.NotRefreshable"/>
    /// when these credentials cannot refresh.
    /// </summary>
    public abstract ValueTask<TokenRefresh> RefreshAsync(string? staleAccessToken, CancellationToken cancellationToken);

    /// <summary>The portal answered from a new address: use <paramref name="endpoint"/> from now on (and remember it).</summary>
    public abstract ValueTask MoveToAsync(Uri endpoint, CancellationToken cancellationToken);
}
