using Crm.Connector.Bitrix24.Auth;

namespace Crm.Connector.Bitrix24.Tests.Portal;

/// <summary>
/// A token store shared with "another instance" (the inner store) that lets a test put that instance's work at an
/// exact point of this client's refresh: <see cref="BeforeRefresh"/> runs when the client asks for a refresh, before
/// the store decides whether to refresh or hand over what is stored; <see cref="AfterRefresh"/> runs after the client
/// itself exchanged the refresh token.
/// </summary>
internal sealed class InterleavingTokenStore(ITokenStore inner) : ITokenStore
{
    private int _refreshes;

    /// <summary>Called with the 1-based number of the refresh being asked for.</summary>
    public Func<int, Task>? BeforeRefresh { get; init; }

    public Action? AfterRefresh { get; init; }

    /// <summary>How many times the client asked for a refresh.</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    public Task<OAuthTokens?> GetAsync(string memberId, CancellationToken cancellationToken = default) => inner.GetAsync(memberId, cancellationToken);

    public Task SaveAsync(OAuthTokens tokens, CancellationToken cancellationToken = default) => inner.SaveAsync(tokens, cancellationToken);

    public async Task<OAuthTokens> RefreshAsync(string memberId, string staleAccessToken, Func<OAuthTokens, CancellationToken, Task<OAuthTokens>> refresh, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _refreshes);
        if (BeforeRefresh is { } before)
        {
            await before(call);
        }

        return await inner.RefreshAsync(
            memberId,
            staleAccessToken,
            async (current, token) =>
            {
                var fresh = await refresh(current, token);
                AfterRefresh?.Invoke();
                return fresh;
            },
            cancellationToken);
    }
}
