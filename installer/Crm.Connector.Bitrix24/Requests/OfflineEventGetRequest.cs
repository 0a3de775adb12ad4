using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Requests;

/// <summary>Parameters of <c>event.offline.get</c> (bitrix24-rest.md §4.6).</summary>
public sealed record OfflineEventGetRequest
{
    [JsonProperty("filter")]
    public JObject? Filter { get; init; }

    [JsonProperty("limit")]
    public int? Limit { get; init; }

    /// <summary>1 (default) deletes what is returned; 0 reserves it until <c>event.offline.clear</c>.</summary>
    [JsonProperty("clear")]
    public int? Clear { get; init; }

    [JsonProperty("process_id")]
    public string? ProcessId { get; init; }

    [JsonProperty("auth_connector")]
    public string? AuthConnector { get; init; }
}
