namespace Crm.Connector.Limits;

/// <summary>
/// The client's copy of one portal's leaky bucket (bitrix24-rest.md §12.1): each request sent adds one, the level drains
/// continuously at the limit's rate. A request is counted only when it fits and is sent now — never reserved for a later
/// moment — so a request that leaves late (a slow thread, a late timer) is counted when it really leaves, and requests
/// held back together cannot arrive together above the burst.
/// </summary>
public sealed class LeakyBucket(TimeProvider time)
{
    /// <summary>Slack for floating-point drain arithmetic: a request that fits "up to a rounding error" fits.</summary>
    private const double Tolerance = 1e-6;

    private readonly Lock _gate = new();
    private double _level;
    private long _updated = time.GetTimestamp();

    /// <summary>Counts one request if it fits under <paramref name="limit"/> now; otherwise says how long until one would.</summary>
    public BucketTake TryTake(RateLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        lock (_gate)
        {
            Drain(limit);
            var before = _level;
            if (before + 1 <= limit.Burst + Tolerance)
            {
                _level = before + 1;
                return BucketTake.Taken(before);
            }

            return BucketTake.Wait(limit, before);
        }
    }

    /// <summary>The portal said its bucket is full (503): ours is full too, whatever it counted.</summary>
    public void Fill(RateLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        lock (_gate)
        {
            Drain(limit);
            _level = Math.Max(_level, limit.Burst);
        }
    }

    /// <summary>The current level (requests in the bucket) draining at <paramref name="limit"/>'s rate.</summary>
    public double Level(RateLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        lock (_gate)
        {
            Drain(limit);
            return _level;
        }
    }

    private void Drain(RateLimit limit)
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(_updated, now).TotalSeconds;
        _updated = now;
        _level = Math.Max(0, _level - (Math.Max(0, elapsed) * limit.DrainPerSecond));
    }
}
