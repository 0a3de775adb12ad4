using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Models;

/// <summary>A custom field (<c>crm.{entity}.userfield.*</c>, bitrix24-rest.md §7).</summary>
public sealed record UserField
{
    [JsonProperty("ID")]
    public int Id { get; init; }

    /// <summary>The full name, <c>UF_CRM_…</c>.</summary>
    [JsonProperty("FIELD_NAME")]
    public string FieldName { get; init; } = string.Empty;

    [JsonProperty("USER_TYPE_ID")]
    public string UserTypeId { get; init; } = string.Empty;

    [JsonProperty("XML_ID")]
    public string? XmlId { get; init; }

    [JsonProperty("MULTIPLE")]
    public bool Multiple { get; init; }

    [JsonProperty("MANDATORY")]
    public bool Mandatory { get; init; }

    [JsonProperty("SORT")]
    public int? Sort { get; init; }

    /// <summary>A string or a language map, as the portal returns it.</summary>
    [JsonProperty("EDIT_FORM_LABEL")]
    public JToken? EditFormLabel { get; init; }

    [JsonProperty("SETTINGS")]
    public JToken? Settings { get; init; }

    [JsonProperty("LIST")]
    public IReadOnlyList<UserFieldListItem>? List { get; init; }
}
