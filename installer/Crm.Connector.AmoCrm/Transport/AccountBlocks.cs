using System.Collections.Concurrent;

namespace Crm.Connector.AmoCrm.Transport;

/// <summary>
/// Accounts under an IP block, for the whole process: once one client sees the block, no client here sends anything
/// to that account until the pause is over (requests while blocked only prolong it).
/// </summary>
internal sealed class AccountBlocks
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public static AccountBlocks Shared { get; } = new();

    /// <summary>Until when <paramref name="accountKey"/> is blocked, if it is at <paramref name="now"/>.</summary>
    public DateTimeOffset? BlockedUntil(string accountKey, DateTimeOffset now) =>
        _until.TryGetValue(accountKey, out var until) && until > now ? until : null;

    /// <summary>Records a block; true when it is news (the account was not blocked at <paramref name="now"/>).</summary>
    public bool Block(string accountKey, DateTimeOffset now, DateTimeOffset until)
    {
        var news = false;
        _until.AddOrUpdate(
            accountKey,
            _ =>
            {
                news = true;
                return until;
            },
            (_, previous) =>
            {
                news = previous <= now;
                return previous > until ? previous : until;
            });
        return news;
    }
}
