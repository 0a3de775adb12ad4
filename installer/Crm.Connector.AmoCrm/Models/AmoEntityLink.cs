using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A linked contact or company as embedded in an entity (<c>_embedded.contacts[]</c>).</summary>
public sealed record AmoEntityLink
{
    [JsonProperty("id")]
    public long Id { get; init; }

    [JsonProperty("is_main")]
    public bool? IsMain { get; init; }
}
