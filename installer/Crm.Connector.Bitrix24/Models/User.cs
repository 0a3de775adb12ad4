using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Models;

/// <summary>A portal user (<c>user.get</c>).</summary>
public sealed record User
{
    [JsonProperty("ID")]
    public int Id { get; init; }

    [JsonProperty("NAME")]
    public string? Name { get; init; }

    [JsonProperty("LAST_NAME")]
    public string? LastName { get; init; }

    [JsonProperty("ACTIVE")]
    public bool Active { get; init; }

    [JsonProperty("UF_DEPARTMENT")]
    public IReadOnlyList<int> Departments { get; init; } = [];

    [JsonProperty("TIME_ZONE")]
    public string? TimeZone { get; init; }
}
