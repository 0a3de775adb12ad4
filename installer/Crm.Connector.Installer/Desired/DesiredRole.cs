using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Desired;

/// <summary>An access role as the template wants it (created where the CRM has a roles API).</summary>
public sealed record DesiredRole(ResourceKey Key, string Name, Role Definition, int Order);
