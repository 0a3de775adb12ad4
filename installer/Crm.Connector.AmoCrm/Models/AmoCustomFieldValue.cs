using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A custom field's values on an entity as read: <c>{field_id, field_name, field_code, field_type, values}</c>.</summary>
public sealed record AmoCustomFieldValue
{
    [JsonProperty("field_id")]
    public long FieldId { get; init; }

    [JsonProperty("field_name")]
    public string? FieldName { get; init; }

    [JsonProperty("field_code")]
    public string? FieldCode { get; init; }

    [JsonProperty("field_type")]
    public string? FieldType { get; init; }

    [JsonProperty("values")]
    public IReadOnlyList<AmoFieldValue>? Values { get; init; }

    /// <summary>The first value's <c>value</c>, if any.</summary>
    [JsonIgnore]
    public AmoValue? First => Values is { Count: > 0 } values ? values[0].Value : null;
}
