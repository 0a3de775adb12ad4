namespace Crm.Connector.Sandbox.Bitrix24.Limits;

/// <summary>
/// Per-method operating time (bitrix24-rest.md §12.2): each call's processing time is added to the current one-minute
/// basket of its method; the last 10 baskets make <c>time.operating</c>; <c>operating_reset_at</c> is when the oldest
/// basket drops out. With a limit set, a method whose sum exceeds it is blocked (429 OPERATION_TIME_LIMIT) until
/// enough baskets drop out.
/// </summary>
internal sealed class OperatingTimeBudget(TimeSpan? limit, TimeProvider clock)
{
    private const int Baskets = 10;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<long, long>> _methods = new(StringComparer.Ordinal);

    /// <summary>Accumulated time of <paramref name="method"/> in the window and when its oldest basket drops out.</summary>
    public (TimeSpan Operating, DateTimeOffset ResetAt) Read(string method)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var minute = Minute(now);
            if (!_methods.TryGetValue(method, out var baskets))
            {
                return (TimeSpan.Zero, DateTimeOffset.FromUnixTimeSeconds((minute + Baskets) * 60));
            }

            Expire(baskets, minute);
            var oldest = baskets.Count > 0 ? baskets.Keys.First() : minute;
            return (TimeSpan.FromTicks(baskets.Values.Sum()), DateTimeOffset.FromUnixTimeSeconds((oldest + Baskets) * 60));
        }
    }

    /// <summary>True when a limit is set and the method has used more than it in the window.</summary>
    public bool IsBlocked(string method) => limit is { } max && Read(method).Operating > max;

    public void Charge(string method, TimeSpan processing)
    {
        if (processing <= TimeSpan.Zero)
        {
            return;
        }

        lock (_gate)
        {
            var minute = Minute(clock.GetUtcNow());
            if (!_methods.TryGetValue(method, out var baskets))
            {
                baskets = [];
                _methods[method] = baskets;
            }

            Expire(baskets, minute);
            baskets[minute] = baskets.GetValueOrDefault(minute) + processing.Ticks;
        }
    }

    private static long Minute(DateTimeOffset now) => now.ToUnixTimeSeconds() / 60;

    private static void Expire(SortedDictionary<long, long> baskets, long minute)
    {
        foreach (var old in baskets.Keys.Where(k => k <= minute - Baskets).ToList())
        {
            baskets.Remove(old);
        }
    }
}
