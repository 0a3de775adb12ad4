using System.Collections.Concurrent;

namespace Crm.Connector.Bitrix24.Limits;

/// <summary>One leaky bucket per portal in this process.</summary>
public sealed class InMemoryRequestBudget(TimeProvider time) : IRequestBudget
{
    private readonly ConcurrentDictionary<string, LeakyBucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>The budget every client in this process shares unless given another.</summary>
    public static InMemoryRequestBudget Shared { get; } = new(TimeProvider.System);

    public ValueTask AcquireAsync(string portalKey, RateLimit limit, CancellationToken cancellationToken = default)
    {
        var bucket = _buckets.GetOrAdd(portalKey, _ => new LeakyBucket(limit, time));
        if (bucket.Limit != limit)
        {
            bucket.Limit = limit;
        }

        return bucket.AcquireAsync(cancellationToken);
    }

    public void ReportFull(string portalKey)
    {
        if (_buckets.TryGetValue(portalKey, out var bucket))
        {
            bucket.MarkFull();
        }
    }
}
