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

    public override async ValueTask<TokenRefresh> RefreshAsync(string? staleAccessToken, CancellationToken cancellationToken)
    {
        // The store calls the exchange only when this caller is the one to refresh; otherwise it hands over what the
        // refresher (here or in another instance) stored. Which of the two happened is what the caller needs to know.
        var refreshedHere = false;
        var tokens = await store.RefreshAsync(
            MemberId,
            staleAccessToken ?? string.Empty,
            async (current, token) =>
            {
                var fresh = await oauth.RefreshAsync(current, token);
                refreshedHere = true;
                return fresh;
            },
            cancellationToken);
        return new TokenRefresh(refreshedHere ? TokenRefreshOutcome.Refreshed : TokenRefreshOutcome.Replaced, tokens.AccessToken);
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
