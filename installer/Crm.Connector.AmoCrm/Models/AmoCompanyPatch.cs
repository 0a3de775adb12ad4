using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Changes to a company; only what is set is sent.</summary>
public sealed record AmoCompanyPatch
{
    [JsonProperty("id")]
    public required long Id { get; init; }

    [JsonProperty("name")]
    public string? Name { get; init; }

    [JsonProperty("responsible_user_id")]
    public long? ResponsibleUserId { get; init; }

    /// <summary>Built with <see cref="CustomFieldValues"/>; more than 40 are written in follow-up PATCHes.</summary>
    [JsonProperty("custom_fields_values")]
    public CustomFieldValues? CustomFieldsValues { get; init; }
}
