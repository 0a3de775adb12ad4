using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Rights on one kind of entity: "A" all, "G" group, "M" mine, "D" denied.</summary>
public sealed record AmoEntityRights
{
    [JsonProperty("view")]
    public string? View { get; init; }

    [JsonProperty("edit")]
    public string? Edit { get; init; }

    [JsonProperty("add")]
    public string? Add { get; init; }

    [JsonProperty("delete")]
    public string? Delete { get; init; }

    [JsonProperty("export")]
    public string? Export { get; init; }
}
