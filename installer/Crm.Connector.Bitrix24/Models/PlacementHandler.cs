using Crm.Connector.Bitrix24.Requests;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Models;

/// <summary>A widget handler the app bound (<c>placement.get</c>, api-reference/widgets/placement-get.md).</summary>
public sealed record PlacementHandler
{
    [JsonProperty("placement")]
    public string Placement { get; init; } = string.Empty;

    [JsonProperty("handler")]
    public string Handler { get; init; } = string.Empty;

    [JsonProperty("title")]
    public string Title { get; init; } = string.Empty;

    [JsonProperty("description")]
    public string Description { get; init; } = string.Empty;

    /// <summary>0 for everyone (only PAGE_BACKGROUND_WORKER binds per user).</summary>
    [JsonProperty("userId")]
    public int UserId { get; init; }

    /// <summary>Texts per language as bound; empty when none were given.</summary>
    [JsonProperty("langAll")]
    public IReadOnlyDictionary<string, PlacementTexts> LangAll { get; init; } = new Dictionary<string, PlacementTexts>();

    /// <summary>The placement's OPTIONS; <c>[]</c> for placements that keep none.</summary>
    [JsonProperty("options")]
    public JToken? Options { get; init; }
}
