using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A lead to create (<c>POST /api/v4/leads</c>). With status 142/143 send the pipeline too.</summary>
public sealed record AmoLeadAdd
{
    [JsonProperty("name")]
    public string? Name { get; init; }

    [JsonProperty("price")]
    public long? Price { get; init; }

    [JsonProperty("status_id")]
    public long? StatusId { get; init; }

    [JsonProperty("pipeline_id")]
    public long? PipelineId { get; init; }

    [JsonProperty("responsible_user_id")]
    public long? ResponsibleUserId { get; init; }

    [JsonProperty("loss_reason_id")]
    public long? LossReasonId { get; init; }

    [JsonProperty("created_by")]
    public long? CreatedBy { get; init; }

    /// <summary>Built with <see cref="CustomFieldValues"/>; more than 40 are written in follow-up PATCHes.</summary>
    [JsonProperty("custom_fields_values")]
    public CustomFieldValues? CustomFieldsValues { get; init; }

    [JsonProperty("request_id")]
    public string? RequestId { get; init; }

    /// <summary>Sent as <c>_embedded.tags</c>.</summary>
    [JsonIgnore]
    public IReadOnlyList<AmoTag>? Tags { get; init; }

    /// <summary>Existing contacts to link (creation only).</summary>
    [JsonIgnore]
    public IReadOnlyList<AmoEntityLink>? Contacts { get; init; }

    /// <summary>An existing company to link (creation only).</summary>
    [JsonIgnore]
    public IReadOnlyList<AmoEntityLink>? Companies { get; init; }

    [JsonProperty("_embedded")]
    private object? EmbeddedToWrite => Tags is null && Contacts is null && Companies is null ? null : new { tags = Tags, contacts = Contacts, companies = Companies };
}
