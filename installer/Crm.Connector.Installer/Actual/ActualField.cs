using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Actual;

/// <summary>
/// A custom field on the portal. <see cref="Code"/> is comparable with template codes (prefix removed);
/// <see cref="Type"/> is null when the portal's type has no template equivalent (shown from <see cref="RawType"/>).
/// </summary>
public sealed record ActualField(
    string Id,
    CrmEntity Entity,
    string Code,
    string RawName,
    FieldType? Type,
    string RawType,
    bool Multiple,
    bool Mandatory,
    LocalizedText Name,
    IReadOnlyList<ActualListItem> Items)
{
    /// <summary>Portal ids of the stages from which the CRM requires the field (null where the CRM has no such setting).</summary>
    public IReadOnlyList<string>? RequiredStages { get; init; }
}
