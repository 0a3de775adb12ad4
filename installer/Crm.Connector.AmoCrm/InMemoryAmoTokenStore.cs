using System.Collections.Concurrent;

namespace Crm.Connector.AmoCrm;

/// <summary>Token pairs in process memory (the CLI, tests).</summary>
public sealed class InMemoryAmoTokenStore : IAmoTokenStore
{
    private readonly ConcurrentDictionary<string, AmoTokens> _tokens = new(StringComparer.Ordinal);

    public Task<AmoTokens?> LoadAsync(string accountKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tokens.TryGetValue(accountKey, out var tokens) ? tokens : null);

    public Task SaveAsync(AmoTokens tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens[tokens.AccountKey] = tokens;
        return Task.CompletedTask;
    }
}
