using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Desired;

/// <summary>A stage as the template wants it; <see cref="Order"/> is its position in the flow.</summary>
public sealed record DesiredStage(ResourceKey Key, string Code, string Name, string? Color, StageSemantics Semantics, int Order);
