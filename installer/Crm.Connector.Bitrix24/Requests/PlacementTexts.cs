using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Requests;

/// <summary>A placement's texts in one language: an entry of <c>LANG_ALL</c> (placement.bind, placement.get).</summary>
public sealed record PlacementTexts
{
    [JsonProperty("TITLE")]
    public string Title { get; init; } = string.Empty;

    [JsonProperty("DESCRIPTION")]
    public string Description { get; init; } = string.Empty;

    [JsonProperty("GROUP_NAME")]
    public string GroupName { get; init; } = string.Empty;
}
