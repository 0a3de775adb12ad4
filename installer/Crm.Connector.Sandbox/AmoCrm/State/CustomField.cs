namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>A custom field of leads, contacts or companies (amocrm-api.md §4).</summary>
internal sealed class CustomField
{
    public required long Id { get; init; }

    public required EntityKind Entity { get; init; }

    public required string Name { get; set; }

    public required string Type { get; init; }

    public string? Code { get; set; }

    public int Sort { get; set; }

    public string? GroupId { get; set; }

    public bool IsApiOnly { get; set; }

    public bool IsPredefined { get; init; }

    public bool IsDeletable { get; init; } = true;

    public string? Remind { get; set; }

    public List<RequiredStatus> RequiredStatuses { get; set; } = [];

    public List<FieldEnum> Enums { get; set; } = [];

    public bool HasEnums => FieldTypes.HasEnums(Type);
}
