namespace Crm.Connector.Functions.Health;

/// <summary>The answer of <c>GET /api/health</c>.</summary>
/// <param name="Status"><c>ok</c>, or <c>degraded</c> when the store cannot be reached (then <see cref="Error"/> says why).</param>
/// <param name="Version">The app's version.</param>
/// <param name="Mode"><c>local</c> (the embedded local host) or <c>isolated-worker</c> (started by the Functions host).</param>
/// <param name="Time">The app's clock.</param>
public sealed record HealthReport(string Status, string Version, string Mode, DateTimeOffset Time)
{
    /// <summary><c>Sqlite</c> or <c>Postgres</c>.</summary>
    public string? Store { get; init; }

    public int? SchemaVersion { get; init; }

    /// <summary>Accepted events and robot calls waiting for the worker, across portals.</summary>
    public int? InboxPending { get; init; }

    /// <summary>Items given up after their last attempt (kept with their error for an operator).</summary>
    public int? InboxFailed { get; init; }

    public string? Error { get; init; }
}
