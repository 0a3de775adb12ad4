using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model;

/// <summary>A custom field of one entity.</summary>
public sealed record FieldDefinition
{
    /// <summary>
    /// Stable code, <c>A-Z0-9_</c>, at most 43 characters (Bitrix24 adds <c>UF_CRM_</c> and caps FIELD_NAME at 50).
    /// </summary>
    [JsonRequired]
    public string Code { get; init; } = string.Empty;

    [JsonRequired]
    public LocalizedText Name { get; init; } = LocalizedText.Plain(string.Empty);

    [JsonRequired]
    public FieldType Type { get; init; } = FieldType.String;

    /// <summary>Holds several values (not allowed for boolean, list and multi-list).</summary>
    public bool Multiple { get; init; }

    /// <summary>Always required.</summary>
    public bool Required { get; init; }

    /// <summary>
    /// Required from these stages on: the item may not enter the stage (or any later in-progress or success stage of the
    /// same flow) while the field is empty. The app enforces this (Bitrix24 REST cannot configure it).
    /// </summary>
    public IReadOnlyList<StageRef> RequiredFrom { get; init; } = [];

    /// <summary>Items of a list or multi-list field.</summary>
    public IReadOnlyList<ListItem> Items { get; init; } = [];

    /// <summary>Once set, never changes (the app restores the first value).</summary>
    public bool SetOnce { get; init; }

    public LocalizedText? Description { get; init; }

    /// <summary>An example value, shown as a hint.</summary>
    public string? Example { get; init; }

    public string? RequiresPlan { get; init; }

    /// <summary>True for list and multi-list fields.</summary>
    public bool IsList => Type is FieldType.List or FieldType.MultiList;
}
