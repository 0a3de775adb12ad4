using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A contact to create (<c>POST /api/v4/contacts</c>).</summary>
public sealed record AmoContactAdd
{
    [JsonProperty("name")]
    public string? Name { get; init; }

    [JsonProperty("first_name")]
    public string? FirstName { get; init; }

    [JsonProperty("last_name")]
    public string? LastName { get; init; }

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

    /// <summary>Not used for contacts; kept for the shared embedding.</summary>
    [JsonIgnore]
    public IReadOnlyList<AmoEntityLink>? Contacts { get; init; }

    /// <summary>A company to link (creation only).</summary>
    [JsonIgnore]
    public IReadOnlyList<AmoEntityLink>? Companies { get; init; }

    [JsonProperty("_embedded")]
    private object? EmbeddedToWrite => Tags is null && Contacts is null && Companies is null ? null : new { tags = Tags, contacts = Contacts, companies = Companies };
}
