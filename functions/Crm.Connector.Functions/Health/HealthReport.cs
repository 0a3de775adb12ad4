namespace Crm.Connector.Functions.Health;

/// <summary>The answer of <c>GET /api/health</c>.</summary>
public sealed record HealthReport(string Status, string Version, string Mode, DateTimeOffset Time);
