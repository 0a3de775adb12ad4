using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>
/// What leads, contacts and companies have in common as amoCRM answers with them: id, name, responsible, authors and
/// times, custom field values and the embedded links and tags.
/// </summary>
public abstract record AmoRecord
{
    [JsonProperty("id")]
    public long Id { get; init; }

    [JsonProperty("name")]
    public string? Name { get; init; }

    [JsonProperty("responsible_user_id")]
    public long? ResponsibleUserId { get; init; }

    [JsonProperty("group_id")]
    public long? GroupId { get; init; }

    [JsonProperty("created_by")]
    public long? CreatedBy { get; init; }

    [JsonProperty("updated_by")]
    public long? UpdatedBy { get; init; }

    [JsonProperty("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonProperty("updated_at")]
    public DateTimeOffset? UpdatedAt { get; init; }

    [JsonProperty("closest_task_at")]
    public DateTimeOffset? ClosestTaskAt { get; init; }

    [JsonProperty("is_deleted")]
    public bool IsDeleted { get; init; }

    [JsonProperty("account_id")]
    public long? AccountId { get; init; }

    [JsonProperty("custom_fields_values")]
    public IReadOnlyList<AmoCustomFieldValue>? CustomFieldsValues { get; init; }

    [JsonProperty("_embedded")]
    public AmoEmbedded? Embedded { get; init; }

    /// <summary>Linked contacts (with <c>with=contacts</c>).</summary>
    [JsonIgnore]
    public IReadOnlyList<AmoEntityLink> Contacts => Embedded?.Contacts ?? [];

    /// <summary>Linked companies.</summary>
    [JsonIgnore]
    public IReadOnlyList<AmoEntityLink> Companies => Embedded?.Companies ?? [];

    [JsonIgnore]
    public IReadOnlyList<AmoTag> Tags => Embedded?.Tags ?? [];

    /// <summary>The values of field <paramref name="fieldId"/>, or null when the entity has none.</summary>
    public AmoCustomFieldValue? Field(long fieldId) => CustomFieldsValues?.FirstOrDefault(f => f.FieldId == fieldId);
}
