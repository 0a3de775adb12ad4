using System.Collections.Concurrent;

namespace Crm.Connector.Limits;

/// <summary>
/// Decides when each request to a portal may leave, over a bucket that everyone sharing the budget counts in
/// (bitrix24-rest.md §12.1). Per portal, in this process:
/// <list type="bullet">
/// <item>Requests go in arrival order, each counted when it is given leave — which is when it is sent — and at once
/// while the bucket has room: a burst of independent requests uses the burst instead of going one after another.</item>
/// <item>When the bucket is full, the next request waits exactly until one drains; nothing is reserved for later, so a
/// 503 or a late waiter never leaves a queue of stale reservations behind.</item>
/// <item>The bucket this process counts is not the only one spending the portal's budget: other apps from the same
/// address share it, unseen. So while the pacer has no fresh word from the portal — at first, after a quiet spell as
/// long as a full bucket takes to drain, and after a 503 — one request goes alone as a probe, and the rest wait for its
/// answer. Accepted, the others follow as the bucket allows; refused (503), the bucket is counted full for everyone
/// sharing it, and the next probe goes once one request has drained. Into a bucket another app has filled, a burst
/// therefore meets one 503, not one per request sent at once.</item>
/// <item>A probe that has not been answered within the patience (default <see cref="DefaultProbePatience"/>) is taken as
/// accepted: the portal refuses before it runs a method, so a refusal comes back fast, while an accepted request may
/// run long — and must not hold every other request to the portal back meanwhile.</item>
/// </list>
/// </summary>
public sealed class RequestPacer(IRequestBucket bucket, TimeProvider time, TimeSpan? probePatience = null) : IRequestBudget
{
    private readonly ConcurrentDictionary<string, PortalLane> _lanes = new(StringComparer.Ordinal);

    /// <summary>How long the other requests wait for a probe's answer: 1 s.</summary>
    public static TimeSpan DefaultProbePatience { get; } = TimeSpan.FromSeconds(1);

    public ValueTask<RequestPermit> AcquireAsync(string portalKey, RateLimit limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(portalKey);
        ArgumentNullException.ThrowIfNull(limit);
        var lane = _lanes.GetOrAdd(portalKey, key => new PortalLane(key, bucket, time, probePatience ?? DefaultProbePatience));
        return new ValueTask<RequestPermit>(lane.AcquireAsync(limit, cancellationToken));
    }

    /// <summary>Requests to <paramref name="portalKey"/> given leave here whose answer has not been reported yet.</summary>
    public int InFlight(string portalKey) => _lanes.TryGetValue(portalKey, out var lane) ? lane.InFlight : 0;
}
