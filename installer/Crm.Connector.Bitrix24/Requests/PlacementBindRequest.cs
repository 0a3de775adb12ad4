using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Requests;

/// <summary>
/// Fields of <c>placement.bind</c> (api-reference/widgets/placement-bind.md): where (a code from placement.list, e.g.
/// <c>CRM_DEAL_DETAIL_TOOLBAR</c>), the app's page that opens there, and its texts per language (a user sees those of
/// the interface language, else <see cref="Title"/>).
/// </summary>
public sealed record PlacementBindRequest
{
    [JsonProperty("PLACEMENT")]
    public required string Placement { get; init; }

    /// <summary>The app's page the portal POSTs to (bitrix24-rest.md §1.2), on the app's own domain.</summary>
    [JsonProperty("HANDLER")]
    public required string Handler { get; init; }

    [JsonProperty("TITLE")]
    public string? Title { get; init; }

    [JsonProperty("DESCRIPTION")]
    public string? Description { get; init; }

    /// <summary>Language code (<c>ru</c>, <c>en</c>) → texts.</summary>
    [JsonProperty("LANG_ALL")]
    public IReadOnlyDictionary<string, PlacementTexts>? LangAll { get; init; }
}
