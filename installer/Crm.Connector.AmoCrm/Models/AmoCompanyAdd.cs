using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A company to create (<c>POST /api/v4/companies</c>).</summary>
public sealed record AmoCompanyAdd
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

    [JsonProperty("_embedded")]
    private object? EmbeddedToWrite => Tags is null ? null : new { tags = Tags };
}
