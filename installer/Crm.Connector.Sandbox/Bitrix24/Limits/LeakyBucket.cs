namespace Crm.Connector.Sandbox.Bitrix24.Limits;

/// <summary>
/// The portal's request limit (bitrix24-rest.md §12.1): a leaky bucket of <c>burst</c> requests draining at
/// <c>drainPerSecond</c>. Each REST request adds one; a request that would overflow is refused (and adds nothing).
/// </summary>
internal sealed class LeakyBucket(int burst, double drainPerSecond, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private double _level;
    private DateTimeOffset _drainedAt = clock.GetUtcNow();

    /// <summary>Adds one request; false when the bucket is full (the caller answers 503 QUERY_LIMIT_EXCEEDED).</summary>
    public bool TryAdd()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var elapsed = (now - _drainedAt).TotalSeconds;
            if (elapsed > 0)
            {
                _level = Math.Max(0, _level - (elapsed * drainPerSecond));
                _drainedAt = now;
            }

            if (_level + 1 > burst)
            {
                return false;
            }

            _level += 1;
            return true;
        }
    }
}
