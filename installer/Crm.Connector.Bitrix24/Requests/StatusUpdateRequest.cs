using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Requests;

/// <summary>Fields <c>crm.status.update</c> can change: name, sort, colour.</summary>
public sealed record StatusUpdateRequest
{
    [JsonProperty("NAME")]
    public string? Name { get; init; }

    [JsonProperty("SORT")]
    public int? Sort { get; init; }

    [JsonProperty("COLOR")]
    public string? Color { get; init; }
}
