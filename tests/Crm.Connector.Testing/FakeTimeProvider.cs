namespace Crm.Connector.Testing;

/// <summary>
/// The clock tests move by hand: Microsoft's <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> (its
/// <c>Advance</c> moves "now" and fires the timers that came due, so <c>Task.Delay(d, time)</c> completes; it never
/// goes back), with what our tests add: a start in the product's era rather than 2000-01-01, and
/// <see cref="PendingTimers"/>, so a test can wait until the code under test is parked on the clock before moving it.
/// </summary>
/// <remarks>
/// As in the base class, a timer due now (due time zero) fires at once, and callbacks fired by one
/// <c>Advance</c> see the clock already at its target.
/// </remarks>
public sealed class FakeTimeProvider : Microsoft.Extensions.Time.Testing.FakeTimeProvider
{
    /// <summary>Where a clock made without a start begins: 15 January 2026, 09:00 UTC (a Thursday morning).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly HashSet<TrackedTimer> _pending = [];

    public FakeTimeProvider()
        : this(DefaultStart)
    {
    }

    public FakeTimeProvider(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>How many timers wait for the clock to move (scheduled, not disposed, and — if one-shot — not fired yet).</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new TrackedTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private ITimer CreateBaseTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        base.CreateTimer(callback, state, dueTime, period);

    private void Track(TrackedTimer timer, bool pending)
    {
        lock (_gate)
        {
            if (pending)
            {
                _pending.Add(timer);
            }
            else
            {
                _pending.Remove(timer);
            }
        }
    }

    /// <summary>
    /// A timer of the base clock that also reports whether it is pending. Each <see cref="Change"/> schedules a fresh
    /// base timer under a new generation number, so a callback already under way from an older schedule cannot mark the
    /// newer one as fired.
    /// </summary>
    private sealed class TrackedTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private readonly Lock _gate = new();
        private ITimer? _inner;
        private long _generation;
        private bool _periodic;
        private bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            ITimer? previous;
            long generation;
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }

                generation = ++_generation;
                _periodic = period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero;
                previous = _inner;
                _inner = null;

                // Marked before the base timer exists: one due at once fires inside CreateBaseTimer.
                owner.Track(this, dueTime != Timeout.InfiniteTimeSpan);
            }

            previous?.Dispose();
            ITimer next;
            try
            {
                next = owner.CreateBaseTimer(Fire, generation, dueTime, period);
            }
            catch
            {
                owner.Track(this, pending: false);
                throw;
            }

            lock (_gate)
            {
                if (!_disposed && _generation == generation)
                {
                    _inner = next;
                    return true;
                }
            }

            // Disposed or changed again while the base timer was being made: that one is not wanted.
            next.Dispose();
            return true;
        }

        public void Dispose()
        {
            ITimer? inner;
            lock (_gate)
            {
                _disposed = true;
                inner = _inner;
                _inner = null;
                owner.Track(this, pending: false);
            }

            inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Fire(object? generation)
        {
            lock (_gate)
            {
                if (!_periodic && (long)generation! == _generation)
                {
                    owner.Track(this, pending: false);
                }
            }

            callback(state);
        }
    }
}
