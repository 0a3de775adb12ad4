using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>A custom field of a CRM entity (§7). Labels are kept as given (string or language map).</summary>
internal sealed record UserField
{
    public required int Id { get; init; }

    public required EntityKind Entity { get; init; }

    public required string FieldName { get; init; }

    public required string UserTypeId { get; init; }

    public string XmlId { get; init; } = "";

    public int Sort { get; init; } = 100;

    public bool Multiple { get; init; }

    public bool Mandatory { get; init; }

    public string ShowFilter { get; init; } = "N";

    public bool ShowInList { get; init; } = true;

    public bool EditInList { get; init; } = true;

    public bool IsSearchable { get; init; }

    public JObject Settings { get; init; } = [];

    /// <summary>EDIT_FORM_LABEL, LIST_COLUMN_LABEL, LIST_FILTER_LABEL, ERROR_MESSAGE, HELP_MESSAGE → language map.</summary>
    public IReadOnlyDictionary<string, JObject> Labels { get; init; } = new Dictionary<string, JObject>();

    public IReadOnlyList<EnumItem> List { get; init; } = [];
}
