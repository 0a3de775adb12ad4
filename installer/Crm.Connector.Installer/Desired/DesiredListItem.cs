namespace Crm.Connector.Installer.Desired;

/// <summary>An item of a list field, or a lead source, as the template wants it.</summary>
public sealed record DesiredListItem(ResourceKey Key, string Code, string Name, bool Default, int Order);
