using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>
/// What a new lead, contact or company is created with in common: name, responsible, author, custom field values, the
/// request id that finds it in the answer, and the tags and links embedded on creation (amoCRM ignores them on PATCH;
/// link existing records with <c>Links</c>).
/// </summary>
public abstract record AmoRecordAdd
{
    [JsonProperty("name")]
    public string? Name { get; init; }

    [JsonProperty("responsible_user_id")]
    public long? ResponsibleUserId { get; init; }

    [JsonProperty("created_by")]
    public long? CreatedBy { get; init; }

    /// <summary>Built with <see cref="CustomFieldValues"/>; more than 40 are written in follow-up PATCHes.</summary>
    [JsonProperty("custom_fields_values")]
    public CustomFieldValues? CustomFieldsValues { get; init; }

    [JsonProperty("request_id")]
    public string? RequestId { get; init; }

    [JsonIgnore]
    public IReadOnlyList<AmoTag>? Tags { get; init; }

    /// <summary>Contacts to link on creation.</summary>
    [JsonIgnore]
    public IReadOnlyList<AmoEntityLink>? Contacts { get; init; }

    /// <summary>A company to link on creation.</summary>
    [JsonIgnore]
    public IReadOnlyList<AmoEntityLink>? Companies { get; init; }

    [JsonProperty("_embedded")]
    private object? EmbeddedToWrite => Tags is null && Contacts is null && Companies is null ? null : new { tags = Tags, contacts = Contacts, companies = Companies };
}
