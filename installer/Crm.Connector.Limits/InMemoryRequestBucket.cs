using System.Collections.Concurrent;

namespace Crm.Connector.Limits;

/// <summary>One <see cref="LeakyBucket"/> per portal, in this process.</summary>
public sealed class InMemoryRequestBucket(TimeProvider time) : IRequestBucket
{
    private readonly ConcurrentDictionary<string, LeakyBucket> _buckets = new(StringComparer.Ordinal);

    public ValueTask<BucketTake> TryTakeAsync(string portalKey, RateLimit limit, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(For(portalKey).TryTake(limit));

    public ValueTask FillAsync(string portalKey, RateLimit limit, CancellationToken cancellationToken = default)
    {
        For(portalKey).Fill(limit);
        return ValueTask.CompletedTask;
    }

    private LeakyBucket For(string portalKey) => _buckets.GetOrAdd(portalKey, _ => new LeakyBucket(time));
}
