using System.Collections.Immutable;
using Crm.Connector.Sandbox.Bitrix24.Core;

namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>
/// Faults the sandbox injects into REST calls (not into /_sandbox or /oauth routes), for resilience tests. Mutable so a
/// test can turn them on and off while the portal runs; reads and writes are thread-safe.
/// </summary>
public sealed class SandboxFaults
{
    private readonly Lock _gate = new();
    private TimeSpan _latency;
    private double _errorRate;
    private double _dropBeforeRate;
    private double _dropAfterRate;
    private int _seed = 1;
    private Random? _random;
    private Action<SandboxMethodRun>? _afterMethod;
    private ImmutableList<AnswerDrop> _drops = [];

    /// <summary>Delay added before every REST answer.</summary>
    /// <remarks>
    /// Real (wall-clock) time, so a portal on a hand-moved clock still answers; the delay is also charged to the
    /// method's operating time (§12.2), as if the portal were slow to run it. It comes before the method runs: a caller
    /// that hangs up during it loses the request unrun (to kill a caller after a write instead, see
    /// <see cref="KillAfter"/>).
    /// </remarks>
    public TimeSpan Latency
    {
        get { lock (_gate) { return _latency; } }
        set { lock (_gate) { _latency = value < TimeSpan.Zero ? TimeSpan.Zero : value; } }
    }

    /// <summary>Share (0..1) of REST calls answered 500 INTERNAL_SERVER_ERROR without running.</summary>
    public double ErrorRate
    {
        get { lock (_gate) { return _errorRate; } }
        set { lock (_gate) { _errorRate = Clamp(value); } }
    }

    /// <summary>Share (0..1) of REST calls whose connection is dropped before the method runs.</summary>
    public double DropBeforeRate
    {
        get { lock (_gate) { return _dropBeforeRate; } }
        set { lock (_gate) { _dropBeforeRate = Clamp(value); } }
    }

    /// <summary>Share (0..1) of REST calls whose connection is dropped after the method ran (the change is kept).</summary>
    public double DropAfterRate
    {
        get { lock (_gate) { return _dropAfterRate; } }
        set { lock (_gate) { _dropAfterRate = Clamp(value); } }
    }

    /// <summary>Seed of the random source deciding which calls fail (reproducible runs).</summary>
    public int Seed
    {
        get { lock (_gate) { return _seed; } }
        set
        {
            lock (_gate)
            {
                _seed = value;
                _random = null;
            }
        }
    }

    /// <summary>
    /// Called synchronously right after a REST method ran and its changes were kept, before its answer is written: for a
    /// call of its own, for every command inside a <c>batch</c> (before the next command runs), and for the batch as a
    /// whole (<see cref="SandboxMethodRun.Method"/> <c>batch</c>, after its last command). Methods refused before running
    /// (unknown, missing scope, blocked by the operating-time limit) are not reported; methods that ran and failed are,
    /// with <see cref="SandboxMethodRun.ErrorCode"/>. Requests run in parallel, so the hook may be called from several
    /// threads at once; it holds up only the request it was called for. An exception it throws is logged (each delegate
    /// of a combined hook runs on its own) and the answer is written as usual.
    /// </summary>
    /// <remarks>
    /// What a crash of the caller between a write and its answer looks like: a test kills the app here and the portal
    /// keeps the change the app never hears about (see <see cref="KillAfter"/>).
    /// </remarks>
    public Action<SandboxMethodRun>? AfterMethod
    {
        get { lock (_gate) { return _afterMethod; } }
        set { lock (_gate) { _afterMethod = value; } }
    }

    /// <summary>
    /// Runs <paramref name="kill"/> (e.g. killing the app's process) right after the <paramref name="nth"/> successful run of
    /// <paramref name="method"/> from now on — counted over calls of their own and commands inside batches alike — while
    /// its answer is still unwritten: the portal keeps the change, the caller never hears back. Adds to
    /// <see cref="AfterMethod"/> (setting that property replaces it). Fires once.
    /// </summary>
    /// <returns>Completes, with the run it fired after, once <paramref name="kill"/> returned; faults if it threw.</returns>
    public Task<SandboxMethodRun> KillAfter(string method, int nth, Action kill)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentOutOfRangeException.ThrowIfLessThan(nth, 1);
        ArgumentNullException.ThrowIfNull(kill);
        var fired = new TaskCompletionSource<SandboxMethodRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = 0;
        Action<SandboxMethodRun>? trigger = null;
        trigger = run =>
        {
            if (!run.Succeeded || !string.Equals(run.Method, method, StringComparison.OrdinalIgnoreCase) || Interlocked.Increment(ref seen) != nth)
            {
                return;
            }

            lock (_gate)
            {
                _afterMethod -= trigger;
            }

            try
            {
                kill();
                fired.TrySetResult(run);
            }
            catch (Exception e)
            {
                fired.TrySetException(e);
                throw;
            }
        };
        lock (_gate)
        {
            _afterMethod += trigger;
        }

        return fired.Task;
    }

    /// <summary>
    /// Cuts the connection instead of answering the HTTP request that carries the <paramref name="nth"/> successful run of
    /// <paramref name="method"/> from now on (counted like <see cref="KillAfter"/>): the change is kept, and its events are
    /// sent, but the caller gets no answer. Inside a batch the whole batch goes unanswered, after all its commands ran.
    /// For apps that run in the test's own process, where there is no process to kill. Fires once.
    /// </summary>
    /// <returns>Completes with the run whose answer is dropped, when it ran (the connection is cut just after).</returns>
    public Task<SandboxMethodRun> DropAnswerAfter(string method, int nth)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentOutOfRangeException.ThrowIfLessThan(nth, 1);
        var drop = new AnswerDrop(method, nth);
        lock (_gate)
        {
            _drops = _drops.Add(drop);
        }

        return drop.Fired.Task;
    }

    /// <summary>Counts a method that ran for <see cref="DropAnswerAfter"/>; true when the answer of its request must be dropped.</summary>
    internal bool CountForAnswerDrops(SandboxMethodRun run)
    {
        ImmutableList<AnswerDrop> drops;
        lock (_gate)
        {
            drops = _drops;
        }

        var dropAnswer = false;
        foreach (var drop in drops.Where(d => d.Counts(run)))
        {
            lock (_gate)
            {
                _drops = _drops.Remove(drop);
            }

            dropAnswer = true;
            drop.Fired.TrySetResult(run);
        }

        return dropAnswer;
    }

    /// <summary>The hooks of <see cref="AfterMethod"/> one by one, so that one that throws does not silence the others.</summary>
    internal IReadOnlyList<Action<SandboxMethodRun>> AfterMethodHooks()
    {
        var hook = AfterMethod;
        return hook is null ? [] : [.. hook.GetInvocationList().Cast<Action<SandboxMethodRun>>()];
    }

    /// <summary>Whether anyone listens for methods that ran (so the portal copies parameters and results only then).</summary>
    internal bool WatchesMethods
    {
        get { lock (_gate) { return _afterMethod is not null || !_drops.IsEmpty; } }
    }

    /// <summary>Rolls the dice for one REST request: one draw per fault kind, from the seeded source.</summary>
    internal FaultDecision Decide()
    {
        lock (_gate)
        {
#pragma warning disable CA5394 // Reproducible fault injection, not security.
            _random ??= new Random(_seed);
            var error = _errorRate > 0 && _random.NextDouble() < _errorRate;
            var dropBefore = _dropBeforeRate > 0 && _random.NextDouble() < _dropBeforeRate;
            var dropAfter = _dropAfterRate > 0 && _random.NextDouble() < _dropAfterRate;
#pragma warning restore CA5394
            return new FaultDecision(_latency, error, dropBefore, dropAfter);
        }
    }

    /// <summary>Copies every setting from <paramref name="other"/> (used for the options' initial faults).</summary>
    internal void CopyFrom(SandboxFaults other)
    {
        Latency = other.Latency;
        ErrorRate = other.ErrorRate;
        DropBeforeRate = other.DropBeforeRate;
        DropAfterRate = other.DropAfterRate;
        Seed = other.Seed;
        AfterMethod = other.AfterMethod;
        ImmutableList<AnswerDrop> drops;
        lock (other._gate)
        {
            drops = other._drops;
        }

        lock (_gate)
        {
            _drops = drops;
        }
    }

    private static double Clamp(double value) => double.IsNaN(value) ? 0 : Math.Clamp(value, 0, 1);

    /// <summary>One <see cref="DropAnswerAfter"/>: which run it waits for and how many it has seen.</summary>
    private sealed class AnswerDrop(string method, int nth)
    {
        private int _seen;

        public TaskCompletionSource<SandboxMethodRun> Fired { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Counts(SandboxMethodRun run) =>
            run.Succeeded && string.Equals(run.Method, method, StringComparison.OrdinalIgnoreCase) && Interlocked.Increment(ref _seen) == nth;
    }
}
