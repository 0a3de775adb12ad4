using System.Collections.Immutable;

namespace Crm.Connector.Sandbox.AmoCrm;

/// <summary>
/// Faults the account injects, for resilience tests; change them while it runs. Routes are named as in
/// <see cref="AmoSandboxStats.ByRoute"/> (<c>"POST /api/v4/leads"</c>, <c>"PATCH /api/v4/leads/{id}"</c>) or by the
/// concrete request (<c>"PATCH /api/v4/leads/20000001"</c>). Thread-safe.
/// </summary>
public sealed class AmoSandboxFaults
{
    private readonly Lock _gate = new();
    private int _throttleNext;
    private bool _ipBlocked;
    private bool _accountUnpaid;
    private long _latencyTicks;
    private ImmutableDictionary<string, TimeSpan> _delays = ImmutableDictionary.Create<string, TimeSpan>(StringComparer.OrdinalIgnoreCase);
    private ImmutableList<AnswerDrop> _drops = [];

    /// <summary>
    /// §9: while true every request to the account host (API and token endpoint) answers 403 with nginx's HTML page, as
    /// after repeated rate-limit violations. Stays until set back to false.
    /// </summary>
    public bool IpBlocked
    {
        get { lock (_gate) { return _ipBlocked; } }
        set { lock (_gate) { _ipBlocked = value; } }
    }

    /// <summary>§9: while true every API request (authenticated) answers 402 Payment Required (account unpaid).</summary>
    public bool AccountUnpaid
    {
        get { lock (_gate) { return _accountUnpaid; } }
        set { lock (_gate) { _accountUnpaid = value; } }
    }

    /// <summary>How many of the next API requests will still answer 429 because of <see cref="ThrottleNext"/>.</summary>
    public int ThrottledRequestsLeft
    {
        get { lock (_gate) { return _throttleNext; } }
    }

    /// <summary>The next <paramref name="count"/> API requests answer 429 Too Many Requests without running.</summary>
    public void ThrottleNext(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            _throttleNext = count;
        }
    }

    /// <summary>Added to every API answer (a route's own <see cref="SetDelay"/> replaces it): the network's round trip.</summary>
    public TimeSpan Latency
    {
        get => new(Volatile.Read(ref _latencyTicks));
        set => Volatile.Write(ref _latencyTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>Every request to <paramref name="route"/> waits <paramref name="delay"/> (wall clock) before it runs; zero removes it.</summary>
    public void SetDelay(string route, TimeSpan delay)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(route);
        lock (_gate)
        {
            _delays = delay > TimeSpan.Zero ? _delays.SetItem(Normalize(route), delay) : _delays.Remove(Normalize(route));
        }
    }

    /// <summary>
    /// The <paramref name="nth"/> successful write to <paramref name="route"/> from now on is applied (and its webhooks
    /// sent), then the connection is aborted instead of answering — a lost answer after a write. Fires once.
    /// </summary>
    /// <returns>Completes with the concrete request (<c>"POST /api/v4/leads"</c>) once its answer was dropped.</returns>
    public Task<string> DropAnswerAfterWrite(string route, int nth = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(route);
        ArgumentOutOfRangeException.ThrowIfLessThan(nth, 1);
        var drop = new AnswerDrop(Normalize(route), nth);
        lock (_gate)
        {
            _drops = _drops.Add(drop);
        }

        return drop.Fired.Task;
    }

    /// <summary>Turns every fault off (pending answer drops are cancelled).</summary>
    public void Clear()
    {
        ImmutableList<AnswerDrop> drops;
        lock (_gate)
        {
            _throttleNext = 0;
            _ipBlocked = false;
            _accountUnpaid = false;
            _delays = _delays.Clear();
            drops = _drops;
            _drops = [];
        }

        foreach (var drop in drops)
        {
            drop.Fired.TrySetCanceled();
        }
    }

    /// <summary>Takes one forced 429 if any is left.</summary>
    internal bool TakeThrottle()
    {
        lock (_gate)
        {
            if (_throttleNext <= 0)
            {
                return false;
            }

            _throttleNext--;
            return true;
        }
    }

    internal TimeSpan DelayFor(string routeKey, string concrete)
    {
        lock (_gate)
        {
            return _delays.TryGetValue(routeKey, out var delay) || _delays.TryGetValue(concrete, out delay) ? delay : Latency;
        }
    }

    /// <summary>Counts a successful write; true when its answer must be dropped.</summary>
    internal bool CountWriteForDrops(string routeKey, string concrete)
    {
        ImmutableList<AnswerDrop> drops;
        lock (_gate)
        {
            drops = _drops;
        }

        var drop = false;
        foreach (var candidate in drops.Where(d => d.Counts(routeKey, concrete)))
        {
            lock (_gate)
            {
                _drops = _drops.Remove(candidate);
            }

            drop = true;
            candidate.Fired.TrySetResult(concrete);
        }

        return drop;
    }

    internal object Describe()
    {
        lock (_gate)
        {
            return new
            {
                ipBlocked = _ipBlocked,
                accountUnpaid = _accountUnpaid,
                throttleNext = _throttleNext,
                delaysMs = _delays.ToDictionary(d => d.Key, d => d.Value.TotalMilliseconds, StringComparer.Ordinal),
                pendingAnswerDrops = _drops.Count,
            };
        }
    }

    /// <summary>"post /api/v4/leads/" → "POST /api/v4/leads".</summary>
    private static string Normalize(string route)
    {
        var trimmed = route.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0
            ? trimmed.TrimEnd('/')
            : string.Concat(trimmed[..space].ToUpperInvariant(), " ", trimmed[(space + 1)..].Trim().TrimEnd('/'));
    }

    /// <summary>One <see cref="DropAnswerAfterWrite"/>: which route it waits for and how many writes it has seen.</summary>
    private sealed class AnswerDrop(string route, int nth)
    {
        private int _seen;

        public TaskCompletionSource<string> Fired { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Counts(string routeKey, string concrete) =>
            (string.Equals(route, routeKey, StringComparison.OrdinalIgnoreCase) || string.Equals(route, concrete, StringComparison.OrdinalIgnoreCase))
            && Interlocked.Increment(ref _seen) == nth;
    }
}
