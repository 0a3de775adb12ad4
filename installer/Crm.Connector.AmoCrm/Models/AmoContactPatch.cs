using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Changes to a contact; only what is set is sent.</summary>
public sealed record AmoContactPatch
{
    [JsonProperty("id")]
    public required long Id { get; init; }

    [JsonProperty("name")]
    public string? Name { get; init; }

    [JsonProperty("first_name")]
    public string? FirstName { get; init; }

    [JsonProperty("last_name")]
    public string? LastName { get; init; }

    [JsonProperty("responsible_user_id")]
    public long? ResponsibleUserId { get; init; }

    /// <summary>Built with <see cref="CustomFieldValues"/>; more than 40 are written in follow-up PATCHes.</summary>
    [JsonProperty("custom_fields_values")]
    public CustomFieldValues? CustomFieldsValues { get; init; }
}
