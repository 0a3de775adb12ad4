using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Rights on tasks.</summary>
public sealed record AmoTaskRights
{
    [JsonProperty("edit")]
    public string? Edit { get; init; }

    [JsonProperty("delete")]
    public string? Delete { get; init; }
}
