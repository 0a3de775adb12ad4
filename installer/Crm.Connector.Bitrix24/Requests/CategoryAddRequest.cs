using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Requests;

/// <summary>Fields of <c>crm.category.add</c> / <c>crm.category.update</c>.</summary>
public sealed record CategoryAddRequest
{
    [JsonProperty("name")]
    public required string Name { get; init; }

    [JsonProperty("sort")]
    public int? Sort { get; init; }
}
