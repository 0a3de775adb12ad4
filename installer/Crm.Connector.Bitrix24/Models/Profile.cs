using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Models;

/// <summary><c>profile</c>: the user the credentials act as.</summary>
public sealed record Profile
{
    [JsonProperty("ID")]
    public int Id { get; init; }

    [JsonProperty("ADMIN")]
    public bool Admin { get; init; }

    [JsonProperty("NAME")]
    public string? Name { get; init; }

    [JsonProperty("LAST_NAME")]
    public string? LastName { get; init; }

    [JsonProperty("TIME_ZONE")]
    public string? TimeZone { get; init; }
}
