namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>
/// Faults the sandbox injects into REST calls (not into /_sandbox or /oauth routes), for resilience tests. Mutable so a
/// test can turn them on and off while the portal runs; reads and writes are thread-safe.
/// </summary>
public sealed class SandboxFaults
{
    /// <summary>Delay added before every REST answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Share (0..1) of REST calls answered 500 INTERNAL_SERVER_ERROR without running.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Share (0..1) of REST calls whose connection is dropped before the method runs.</summary>
    public double DropBeforeRate { get; set; }

    /// <summary>Share (0..1) of REST calls whose connection is dropped after the method ran (the change is kept).</summary>
    public double DropAfterRate { get; set; }

    /// <summary>Seed of the random source deciding which calls fail (reproducible runs).</summary>
    public int Seed { get; set; } = 1;
}
