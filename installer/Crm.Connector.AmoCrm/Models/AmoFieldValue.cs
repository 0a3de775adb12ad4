using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>One value of a custom field: <c>{value, enum_id, enum_code}</c> (amocrm-api.md §4.4).</summary>
public sealed record AmoFieldValue
{
    [JsonProperty("value")]
    public AmoValue? Value { get; init; }

    /// <summary>The list item (select, multiselect, radiobutton); written by id only — texts are refused as NotSupportedChoice.</summary>
    [JsonProperty("enum_id")]
    public long? EnumId { get; init; }

    /// <summary>The kind of a phone or e-mail: WORK, MOB… (<see cref="AmoEnumCodes"/>).</summary>
    [JsonProperty("enum_code")]
    public string? EnumCode { get; init; }
}
