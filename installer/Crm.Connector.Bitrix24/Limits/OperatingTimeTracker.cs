using System.Collections.Concurrent;

namespace Crm.Connector.Bitrix24.Limits;

/// <summary>
/// Per-method execution-time budgets (bitrix24-rest.md §12.2), fed by each answer's <c>time.operating</c> and
/// <c>time.operating_reset_at</c>: once a method has used most of its budget, further calls of it wait for the window to
/// move on instead of running into 429 OPERATION_TIME_LIMIT (which blocks the method for minutes).
/// </summary>
public sealed class OperatingTimeTracker(TimeSpan limit, double safetyShare, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (double Operating, DateTimeOffset? ResetAt)> _methods = new(StringComparer.Ordinal);

    /// <summary>Records what the portal reported for <paramref name="method"/>.</summary>
    public void Observe(string method, double operatingSeconds, DateTimeOffset? resetAt) =>
        _methods[method] = (operatingSeconds, resetAt);

    /// <summary>How long to hold a call of <paramref name="method"/> back (zero when its budget has room).</summary>
    public TimeSpan DelayFor(string method)
    {
        if (!_methods.TryGetValue(method, out var state) || state.Operating < limit.TotalSeconds * safetyShare || state.ResetAt is not { } reset)
        {
            return TimeSpan.Zero;
        }

        var wait = reset - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
