using System.Collections.Concurrent;

namespace Crm.Connector.Bitrix24.Auth;

/// <summary>Tokens in process memory; refreshes single-flight per portal within this process.</summary>
public sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<string, OAuthTokens> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public Task<OAuthTokens?> GetAsync(string memberId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tokens.TryGetValue(memberId, out var tokens) ? tokens : null);

    public Task SaveAsync(OAuthTokens tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens[tokens.MemberId] = tokens;
        return Task.CompletedTask;
    }

    public async Task<OAuthTokens> RefreshAsync(string memberId, string staleAccessToken, Func<OAuthTokens, CancellationToken, Task<OAuthTokens>> refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        var gate = _locks.GetOrAdd(memberId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var current = _tokens.TryGetValue(memberId, out var stored)
                ? stored
                : throw new InvalidOperationException($"No tokens are stored for portal {memberId}.");
            if (!string.Equals(current.AccessToken, staleAccessToken, StringComparison.Ordinal))
            {
                return current;
            }

            var fresh = await refresh(current, cancellationToken);
            _tokens[memberId] = fresh;
            return fresh;
        }
        finally
        {
            gate.Release();
        }
    }
}
