namespace Crm.Connector.Bitrix24.Auth;

/// <summary>
/// Where installations' OAuth tokens live. The store owns the rule that matters most: one refresh per portal at a
/// time, across everything that shares the store (one process here; every instance of the app with a database store),
/// with the new pair saved before it is handed out.
/// </summary>
public interface ITokenStore
{
    /// <summary>The tokens of portal <paramref name="memberId"/>, or null when it has none.</summary>
    Task<OAuthTokens?> GetAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>Stores tokens as they are (installation, or a new portal address).</summary>
    Task SaveAsync(OAuthTokens tokens, CancellationToken cancellationToken = default);

    /// <summary>
    /// Refreshes single-flight: if the stored access token is still <paramref name="staleAccessToken"/>, calls
    /// <paramref name="refresh"/> with the stored pair, stores its result and returns it; if someone refreshed already,
    /// returns what is stored without refreshing again.
    /// </summary>
    Task<OAuthTokens> RefreshAsync(
        string memberId,
        string staleAccessToken,
        Func<OAuthTokens, CancellationToken, Task<OAuthTokens>> refresh,
        CancellationToken cancellationToken = default);
}
