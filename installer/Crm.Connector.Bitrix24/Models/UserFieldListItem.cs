using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Models;

/// <summary>An item of an enumeration user field; <see cref="XmlId"/> is the stable code we match by.</summary>
public sealed record UserFieldListItem
{
    /// <summary>The portal's id; null for an item still to be added.</summary>
    [JsonProperty("ID")]
    public int? Id { get; init; }

    [JsonProperty("VALUE")]
    public string Value { get; init; } = string.Empty;

    [JsonProperty("SORT")]
    public int? Sort { get; init; }

    [JsonProperty("DEF")]
    public bool? Default { get; init; }

    [JsonProperty("XML_ID")]
    public string? XmlId { get; init; }

    /// <summary>On update: delete this item (with <see cref="Id"/>).</summary>
    [JsonProperty("DEL")]
    public bool? Delete { get; init; }
}
