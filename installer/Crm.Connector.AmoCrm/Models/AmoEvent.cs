using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>An event of the account's history (<c>GET /api/v4/events</c>); its values vary by type and are kept as sent.</summary>
public sealed record AmoEvent
{
    [JsonProperty("id")]
    public string Id { get; init; } = string.Empty;

    [JsonProperty("type")]
    public string Type { get; init; } = string.Empty;

    [JsonProperty("entity_id")]
    public long? EntityId { get; init; }

    [JsonProperty("entity_type")]
    public string? EntityType { get; init; }

    [JsonProperty("created_by")]
    public long? CreatedBy { get; init; }

    [JsonProperty("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonProperty("value_after")]
    public JToken? ValueAfter { get; init; }

    [JsonProperty("value_before")]
    public JToken? ValueBefore { get; init; }

    [JsonProperty("account_id")]
    public long? AccountId { get; init; }
}
