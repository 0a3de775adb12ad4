namespace Crm.Connector.Installer.Desired;

/// <summary>A template part the portal's plan does not include (or the connection cannot install), and why.</summary>
public sealed record SkippedPart(ResourceKey Key, ResourceKind Kind, string Title, string Reason, string? RequiredPlan);
