namespace Crm.Connector.Bitrix24.Auth;

/// <summary>
/// An OAuth app installation (bitrix24-rest.md §2): tokens come from the <see cref="ITokenStore"/>; an expiring or
/// expired access token is refreshed through the store, single-flight, and the new pair is stored before use.
/// </summary>
public sealed class OAuthCredentials(string memberId, ITokenStore store, Bitrix24OAuthClient oauth, TimeProvider time) : Bitrix24Credentials
{
    /// <summary>Refresh this long before the documented expiry rather than spend a call on an expired token.</summary>
    private static readonly TimeSpan ExpirySlack = TimeSpan.FromSeconds(30);

    public string MemberId { get; } = memberId;

    public override string PortalKey => MemberId;

    public override bool IsAppContext => true;

    public override async ValueTask<Uri> GetEndpointAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).ClientEndpoint;

    public override async ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var tokens = await CurrentAsync(cancellationToken);
        if (tokens.ExpiresAt - ExpirySlack <= time.GetUtcNow())
        {
            tokens = await store.RefreshAsync(MemberId, tokens.AccessToken, oauth.RefreshAsync, cancellationToken);
        }

        return tokens.AccessToken;
    }

    public override async ValueTask<bool> RefreshAsync(string? staleAccessToken, CancellationToken cancellationToken)
    {
        await store.RefreshAsync(MemberId, staleAccessToken ?? string.Empty, oauth.RefreshAsync, cancellationToken);
        return true;
    }

    public override async ValueTask MoveToAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var tokens = await CurrentAsync(cancellationToken);
        await store.SaveAsync(tokens with { ClientEndpoint = endpoint }, cancellationToken);
    }

    public override string ToString() => $"app installation on portal {MemberId}";

    private async Task<OAuthTokens> CurrentAsync(CancellationToken cancellationToken) =>
        await store.GetAsync(MemberId, cancellationToken)
        ?? throw new InvalidOperationException($"No tokens are stored for portal {MemberId}; install the app first.");
}
