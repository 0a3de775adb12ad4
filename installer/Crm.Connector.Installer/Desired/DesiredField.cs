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
    int Order)
{
    /// <summary>
    /// Stages from which the CRM itself requires the field (<see cref="ProvisioningCapabilities.StageRequiredFields"/>);
    /// empty where the app enforces <c>requiredFrom</c> instead.
    /// </summary>
    public IReadOnlyList<ResourceKey> RequiredStages { get; init; } = [];
}
