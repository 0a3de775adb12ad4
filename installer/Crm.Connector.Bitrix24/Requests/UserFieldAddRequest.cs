using Crm.Connector.Bitrix24.Models;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Requests;

/// <summary>Fields of <c>crm.{entity}.userfield.add</c> (bitrix24-rest.md §7).</summary>
public sealed record UserFieldAddRequest
{
    /// <summary>Our code; the portal prefixes <c>UF_CRM_</c>.</summary>
    [JsonProperty("FIELD_NAME")]
    public required string FieldName { get; init; }

    [JsonProperty("USER_TYPE_ID")]
    public required string UserTypeId { get; init; }

    /// <summary>A string, or a language map <c>{"ru": …, "en": …}</c>.</summary>
    [JsonProperty("LABEL")]
    public JToken? Label { get; init; }

    [JsonProperty("EDIT_FORM_LABEL")]
    public JToken? EditFormLabel { get; init; }

    [JsonProperty("LIST_COLUMN_LABEL")]
    public JToken? ListColumnLabel { get; init; }

    [JsonProperty("HELP_MESSAGE")]
    public JToken? HelpMessage { get; init; }

    [JsonProperty("XML_ID")]
    public string? XmlId { get; init; }

    [JsonProperty("MULTIPLE")]
    public bool? Multiple { get; init; }

    [JsonProperty("MANDATORY")]
    public bool? Mandatory { get; init; }

    [JsonProperty("SHOW_FILTER")]
    public bool? ShowFilter { get; init; }

    [JsonProperty("SORT")]
    public int? Sort { get; init; }

    [JsonProperty("SETTINGS")]
    public JObject? Settings { get; init; }

    [JsonProperty("LIST")]
    public IReadOnlyList<UserFieldListItem>? List { get; init; }
}
