using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A webhook subscription (<c>GET /api/v4/webhooks</c>).</summary>
public sealed record AmoWebhook
{
    [JsonProperty("id")]
    public long Id { get; init; }

    [JsonProperty("destination")]
    public string Destination { get; init; } = string.Empty;

    [JsonProperty("settings")]
    public IReadOnlyList<string> Settings { get; init; } = [];

    [JsonProperty("sort")]
    public int? Sort { get; init; }

    /// <summary>amoCRM switched it off after too many failed deliveries: subscribe again.</summary>
    [JsonProperty("disabled")]
    public bool Disabled { get; init; }

    [JsonProperty("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonProperty("updated_at")]
    public DateTimeOffset? UpdatedAt { get; init; }

    [JsonProperty("created_by")]
    public long? CreatedBy { get; init; }

    [JsonProperty("account_id")]
    public long? AccountId { get; init; }
}
