using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>The result text of a completed task.</summary>
public sealed record AmoTaskResult
{
    [JsonProperty("text")]
    public string? Text { get; init; }
}
