using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Models;

/// <summary>A bound event handler (<c>event.get</c>, bitrix24-rest.md §4.2).</summary>
public sealed record EventHandlerBinding
{
    [JsonProperty("event")]
    public string Event { get; init; } = string.Empty;

    [JsonProperty("handler")]
    public string? Handler { get; init; }

    [JsonProperty("auth_type")]
    public int? AuthType { get; init; }

    [JsonProperty("offline")]
    public int Offline { get; init; }
}
