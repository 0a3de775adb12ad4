using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Requests;

/// <summary>Parameters of <c>event.bind</c> (bitrix24-rest.md §4.1).</summary>
public sealed record EventBindRequest
{
    /// <summary>e.g. <c>ONCRMDEALUPDATE</c>.</summary>
    [JsonProperty("event")]
    public required string Event { get; init; }

    /// <summary>Public URL the portal posts to; omitted for offline events.</summary>
    [JsonProperty("handler")]
    public string? Handler { get; init; }

    [JsonProperty("auth_type")]
    public int? AuthType { get; init; }

    /// <summary><c>online</c> (default) or <c>offline</c>.</summary>
    [JsonProperty("event_type")]
    public string? EventType { get; init; }
}
