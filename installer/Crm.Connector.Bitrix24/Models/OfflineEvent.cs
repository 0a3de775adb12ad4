using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Models;

/// <summary>An entry of the offline event queue (bitrix24-rest.md §4.6): the latest change of one object.</summary>
public sealed record OfflineEvent
{
    [JsonProperty("ID")]
    public long Id { get; init; }

    [JsonProperty("TIMESTAMP_X")]
    public string? Timestamp { get; init; }

    [JsonProperty("EVENT_NAME")]
    public string EventName { get; init; } = string.Empty;

    [JsonProperty("EVENT_DATA")]
    public JToken? EventData { get; init; }

    [JsonProperty("MESSAGE_ID")]
    public string? MessageId { get; init; }
}
