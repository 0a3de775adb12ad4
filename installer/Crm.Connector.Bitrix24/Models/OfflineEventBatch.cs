using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Models;

/// <summary>What <c>event.offline.get</c> returned: the events, and the id to confirm them with when reserved.</summary>
public sealed record OfflineEventBatch
{
    [JsonProperty("process_id")]
    public string? ProcessId { get; init; }

    [JsonProperty("events")]
    public IReadOnlyList<OfflineEvent> Events { get; init; } = [];
}
