using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Desired;

/// <summary>A custom field as the template wants it.</summary>
public sealed record DesiredField(
    ResourceKey Key,
    CrmEntity Entity,
    string Code,
    FieldType Type,
    bool Multiple,
    bool Required,
    LocalizedText Name,
    LocalizedText? Help,
    IReadOnlyList<DesiredListItem> Items,
    int Order);
