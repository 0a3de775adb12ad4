namespace Crm.Connector.Limits;

/// <summary>
/// What a bucket answered to "one more request?": counted (and how full the bucket was before it), or how long until one
/// would fit.
/// </summary>
public readonly record struct BucketTake
{
    private BucketTake(bool counted, double levelBefore, TimeSpan retryAfter)
    {
        Counted = counted;
        LevelBefore = levelBefore;
        RetryAfter = retryAfter;
    }

    /// <summary>The request was counted: it may be sent now.</summary>
    public bool Counted { get; }

    /// <summary>The level the request found (drained to now), before it was added.</summary>
    public double LevelBefore { get; }

    /// <summary>When not counted: how long until one request fits (at least one tick, so a waiter always moves on).</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Counted at <paramref name="levelBefore"/>.</summary>
    public static BucketTake Taken(double levelBefore) => new(true, levelBefore, TimeSpan.Zero);

    /// <summary>Not counted: the bucket holds <paramref name="level"/> and drains at <paramref name="limit"/>'s rate.</summary>
    public static BucketTake Wait(RateLimit limit, double level)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var seconds = (level + 1 - limit.Burst) / limit.DrainPerSecond;

        // Rounded up to whole ticks: a wait rounded down would find the request still a hair too big, again and again.
        var ticks = (long)Math.Ceiling(Math.Max(0, seconds) * TimeSpan.TicksPerSecond);
        return new(false, level, TimeSpan.FromTicks(Math.Max(1, ticks)));
    }
}
