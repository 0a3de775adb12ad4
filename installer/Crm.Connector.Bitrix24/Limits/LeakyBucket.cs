namespace Crm.Connector.Bitrix24.Limits;

/// <summary>
/// The client's copy of a portal's leaky bucket. Each request adds one; the level drains continuously. A request that
/// would overflow waits until it fits — in arrival order, because each waiter reserves its place before waiting —
/// so the portal never sees more than it allows and never answers 503.
/// </summary>
public sealed class LeakyBucket(RateLimit limit, TimeProvider time)
{
    private readonly Lock _gate = new();
    private RateLimit _limit = limit;
    private double _level;
    private long _updated = time.GetTimestamp();

    /// <summary>The limit in force (changes when the portal's plan becomes known).</summary>
    public RateLimit Limit
    {
        get
        {
            lock (_gate)
            {
                return _limit;
            }
        }

        set
        {
            lock (_gate)
            {
                _limit = value;
            }
        }
    }

    /// <summary>Waits until one more request fits, then counts it.</summary>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>The portal said its bucket is full (503): treat ours as full too so the next requests pace themselves.</summary>
    public void MarkFull()
    {
        lock (_gate)
        {
            Drain();
            _level = Math.Max(_level, _limit.Burst);
        }
    }

    /// <summary>The current level (requests in the bucket).</summary>
    public double Level
    {
        get
        {
            lock (_gate)
            {
                Drain();
                return _level;
            }
        }
    }

    private TimeSpan Reserve()
    {
        lock (_gate)
        {
            Drain();
            _level += 1;
            var excess = _level - _limit.Burst;
            return excess <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(excess / _limit.DrainPerSecond);
        }
    }

    private void Drain()
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(_updated, now).TotalSeconds;
        _updated = now;
        _level = Math.Max(0, _level - (elapsed * _limit.DrainPerSecond));
    }
}
