namespace Crm.Connector.Limits;

/// <summary>
/// Leave to send one request, already counted in the portal's bucket. The sender reports what the portal answered —
/// <see cref="Accepted"/> or <see cref="RefusedAsync"/> — and disposes the permit; disposed without a report (no answer
/// came: a timeout, a reset, a cancellation) the budget learns nothing, and the request stays counted.
/// </summary>
public sealed class RequestPermit : IDisposable
{
    private readonly PortalLane _lane;
    private int _settled;

    internal RequestPermit(PortalLane lane, RateLimit limit, bool probe)
    {
        _lane = lane;
        Limit = limit;
        IsProbe = probe;
    }

    /// <summary>The limit the request was counted under.</summary>
    public RateLimit Limit { get; }

    /// <summary>
    /// True when this request goes out alone, to learn whether the portal has room, before others follow it (the budget
    /// had no fresh word from the portal, or its last word was a 503).
    /// </summary>
    public bool IsProbe { get; }

    /// <summary>The portal took the request: it answered with anything but 503 QUERY_LIMIT_EXCEEDED.</summary>
    public void Accepted()
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            _lane.Settle(this, accepted: true);
        }
    }

    /// <summary>
    /// The portal answered 503 QUERY_LIMIT_EXCEEDED: its bucket is full. When this completes, the budget counts it full for
    /// everyone sharing it, so the next request anywhere waits for the drain.
    /// </summary>
    public async ValueTask RefusedAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            await _lane.RefusedAsync(this, cancellationToken);
        }
    }

    /// <summary>Ends the permit; without a report before, the portal's answer is unknown.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            _lane.Settle(this, accepted: false);
        }
    }
}
