using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A contact as read.</summary>
public sealed record AmoContact : AmoRecord
{
    [JsonProperty("first_name")]
    public string? FirstName { get; init; }

    [JsonProperty("last_name")]
    public string? LastName { get; init; }
}
