namespace Crm.Connector.Limits;

/// <summary>
/// One portal's requests in this process, as <see cref="RequestPacer"/> describes: a queue in arrival order, one pump
/// that gives leave while the bucket has room, and the probe gate.
/// </summary>
internal sealed class PortalLane(string portalKey, IRequestBucket bucket, TimeProvider time, TimeSpan probePatience)
{
    private readonly Lock _gate = new();
    private readonly Queue<Waiter> _waiters = new();
    private bool _pumping;
    private RequestPermit? _probe;
    private ITimer? _patience;
    private bool _confirmed;
    private int _outstanding;
    private long _lastSettled = time.GetTimestamp();

    /// <summary>Permits given and not settled yet.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _outstanding;
            }
        }
    }

    public Task<RequestPermit> AcquireAsync(RateLimit limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new Waiter(limit);
        bool start;
        lock (_gate)
        {
            _waiters.Enqueue(waiter);
            start = ClaimPumpLocked();
        }

        waiter.Watch(cancellationToken);
        if (start)
        {
            _ = PumpAsync();
        }

        return waiter.Task;
    }

    /// <summary>A permit ended: accepted by the portal, or without an answer.</summary>
    public void Settle(RequestPermit permit, bool accepted)
    {
        bool start;
        lock (_gate)
        {
            start = SettleLocked(permit, accepted ? true : null);
        }

        if (start)
        {
            _ = PumpAsync();
        }
    }

    /// <summary>A permit's request was refused (503): the bucket is full for everyone sharing it before anyone here goes on.</summary>
    public async Task RefusedAsync(RequestPermit permit, CancellationToken cancellationToken)
    {
        try
        {
            await bucket.FillAsync(portalKey, permit.Limit, cancellationToken);
        }
        finally
        {
            bool start;
            lock (_gate)
            {
                start = SettleLocked(permit, false);
            }

            if (start)
            {
                _ = PumpAsync();
            }
        }
    }

    /// <param name="permit">The permit that ended.</param>
    /// <param name="accepted">True: the portal took it; false: it refused (503); null: no answer.</param>
    /// <returns>Whether the caller must start the pump.</returns>
    private bool SettleLocked(RequestPermit permit, bool? accepted)
    {
        _outstanding--;
        _lastSettled = time.GetTimestamp();
        if (accepted is { } word)
        {
            _confirmed = word;
        }

        if (ReferenceEquals(_probe, permit))
        {
            CloseProbeLocked();
        }

        return ClaimPumpLocked();
    }

    private void PatienceElapsed(RequestPermit probe)
    {
        bool start;
        lock (_gate)
        {
            if (!ReferenceEquals(_probe, probe))
            {
                return;
            }

            // No refusal yet: the portal refuses before it runs anything, so the probe got in.
            _confirmed = true;
            CloseProbeLocked();
            start = ClaimPumpLocked();
        }

        if (start)
        {
            _ = PumpAsync();
        }
    }

    private void CloseProbeLocked()
    {
        _probe = null;
        _patience?.Dispose();
        _patience = null;
    }

    /// <summary>True when the pump should run and is not running yet (it is then marked running).</summary>
    private bool ClaimPumpLocked()
    {
        if (_pumping || _probe is not null || !HasWaiterLocked())
        {
            return false;
        }

        _pumping = true;
        return true;
    }

    private bool HasWaiterLocked()
    {
        while (_waiters.TryPeek(out var first) && !first.Waiting)
        {
            _waiters.Dequeue();
        }

        return _waiters.Count > 0;
    }

    /// <summary>Gives leave to the waiters in order, one counted request each, sleeping while the bucket is full.</summary>
    private async Task PumpAsync()
    {
        try
        {
            while (await PumpOnceAsync())
            {
            }
        }
        catch
        {
            // Not expected (the bucket's own failures go to the waiter): let the next caller start a pump again.
            lock (_gate)
            {
                _pumping = false;
            }

            throw;
        }
    }

    /// <summary>One step of the pump; false when it stops (nobody waits, or a probe is out).</summary>
    private async Task<bool> PumpOnceAsync()
    {
        Waiter head;
        lock (_gate)
        {
            if (_probe is not null || !HasWaiterLocked())
            {
                _pumping = false;
                return false;
            }

            head = _waiters.Peek();
        }

        BucketTake take;
        try
        {
            take = await bucket.TryTakeAsync(portalKey, head.Limit, CancellationToken.None);
        }
#pragma warning disable CA1031 // Whatever the shared bucket throws (its store is down), the waiter gets it, not the pump.
        catch (Exception e)
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                if (_waiters.TryPeek(out var first) && ReferenceEquals(first, head))
                {
                    _waiters.Dequeue();
                }
            }

            head.Fail(e);
            return true;
        }

        if (!take.Counted)
        {
            await Task.Delay(take.RetryAfter, time);
            return true;
        }

        RequestPermit? probe;
        lock (_gate)
        {
            probe = GiveLocked(head.Limit);
        }

        if (probe is not null)
        {
            WatchProbe(probe);
        }

        return true;
    }

    /// <summary>
    /// Hands one counted request to the first waiter still waiting (if every one gave up, the request is spent unsent);
    /// returns it when it goes as a probe.
    /// </summary>
    private RequestPermit? GiveLocked(RateLimit limit)
    {
        // A quiet spell as long as a full bucket takes to drain: whatever the portal said then says nothing now.
        if (_confirmed && _outstanding == 0 && time.GetElapsedTime(_lastSettled) >= TimeSpan.FromSeconds(limit.Burst / limit.DrainPerSecond))
        {
            _confirmed = false;
        }

        while (_waiters.TryDequeue(out var waiter))
        {
            var probe = !_confirmed;
            var permit = new RequestPermit(this, waiter.Limit, probe);
            if (!waiter.Give(permit))
            {
                continue;
            }

            _outstanding++;
            if (probe)
            {
                _probe = permit;
                return permit;
            }

            return null;
        }

        return null;
    }

    /// <summary>Starts the probe's patience; made outside the lock, since a clock may fire a timer inside CreateTimer.</summary>
    private void WatchProbe(RequestPermit probe)
    {
        var timer = time.CreateTimer(static state => ((ProbeWatch)state!).Elapsed(), new ProbeWatch(this, probe), probePatience, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            if (ReferenceEquals(_probe, probe))
            {
                _patience = timer;
                return;
            }
        }

        // Answered (or out of patience) already.
        timer.Dispose();
    }

    private sealed record ProbeWatch(PortalLane Lane, RequestPermit Probe)
    {
        public void Elapsed() => Lane.PatienceElapsed(Probe);
    }

    /// <summary>One caller waiting for leave; it may give up (cancellation) while it waits.</summary>
    private sealed class Waiter(RateLimit limit)
    {
        private readonly TaskCompletionSource<RequestPermit> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private CancellationTokenRegistration _cancel;

        public RateLimit Limit => limit;

        public Task<RequestPermit> Task => _done.Task;

        public bool Waiting => !_done.Task.IsCompleted;

        public void Watch(CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled)
            {
                _cancel = cancellationToken.Register(static (state, token) => ((TaskCompletionSource<RequestPermit>)state!).TrySetCanceled(token), _done);
            }
        }

        public bool Give(RequestPermit permit)
        {
            var given = _done.TrySetResult(permit);
            _cancel.Dispose();
            return given;
        }

        public void Fail(Exception exception)
        {
            _done.TrySetException(exception);
            _cancel.Dispose();
        }
    }
}
