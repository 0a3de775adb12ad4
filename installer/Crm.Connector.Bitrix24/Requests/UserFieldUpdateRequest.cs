using Crm.Connector.Bitrix24.Models;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Requests;

/// <summary>
/// What <c>crm.{entity}.userfield.update</c> may change. List items with an <c>ID</c> are changed, without one added,
/// with <c>DEL</c> deleted. Name, type and multiplicity cannot change.
/// </summary>
public sealed record UserFieldUpdateRequest
{
    [JsonProperty("LABEL")]
    public JToken? Label { get; init; }

    [JsonProperty("EDIT_FORM_LABEL")]
    public JToken? EditFormLabel { get; init; }

    [JsonProperty("LIST_COLUMN_LABEL")]
    public JToken? ListColumnLabel { get; init; }

    [JsonProperty("XML_ID")]
    public string? XmlId { get; init; }

    [JsonProperty("MANDATORY")]
    public bool? Mandatory { get; init; }

    [JsonProperty("SORT")]
    public int? Sort { get; init; }

    [JsonProperty("SETTINGS")]
    public JObject? Settings { get; init; }

    [JsonProperty("LIST")]
    public IReadOnlyList<UserFieldListItem>? List { get; init; }
}
