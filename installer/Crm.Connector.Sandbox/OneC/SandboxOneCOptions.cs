namespace Crm.Connector.Sandbox.OneC;

/// <summary>How a sandbox 1C:Enterprise behaves. Defaults follow <c>reference/onec-odata.md</c>.</summary>
public sealed record SandboxOneCOptions
{
    /// <summary>The infobase user for HTTP Basic (§1.1); Cyrillic on purpose: the login is decoded as UTF-8.</summary>
    public string User { get; init; } = "Администратор";

    /// <summary>The user's password.</summary>
    public string Password { get; init; } = "sandbox";

    /// <summary>The initial <see cref="SandboxOneCFaults.Latency"/>: the round trip added to every answer (wall clock).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>The base's clock: the date of a document created without one. Null = the system clock.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>TCP port on 127.0.0.1 (0 = any free port).</summary>
    public int Port { get; init; }
}
