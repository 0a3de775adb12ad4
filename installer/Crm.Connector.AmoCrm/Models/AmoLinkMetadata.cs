using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>What a link carries: whether the contact is the main one, quantities of catalog elements.</summary>
public sealed record AmoLinkMetadata
{
    [JsonProperty("is_main")]
    public bool? IsMain { get; init; }

    [JsonProperty("catalog_id")]
    public long? CatalogId { get; init; }

    [JsonProperty("quantity")]
    public decimal? Quantity { get; init; }

    [JsonProperty("updated_by")]
    public long? UpdatedBy { get; init; }
}
