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

    /// <summary>Delay added before every REST answer.</summary>
    /// <remarks>
    /// Real (wall-clock) time, so a portal on a hand-moved clock still answers; the delay is also charged to the
    /// method's operating time (§12.2), as if the portal were slow to run it.
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
    }

    private static double Clamp(double value) => double.IsNaN(value) ? 0 : Math.Clamp(value, 0, 1);
}
