using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A subscription to make (<c>POST /api/v4/webhooks</c>); posting the same destination again updates its settings.</summary>
public sealed record AmoWebhookSubscription
{
    /// <summary>An https URL with an unguessable secret in it (amoCRM signs nothing).</summary>
    [JsonProperty("destination")]
    public required string Destination { get; init; }

    /// <summary>Events: add_lead, update_lead, status_lead, responsible_lead, note_lead, add_task…</summary>
    [JsonProperty("settings")]
    public required IReadOnlyList<string> Settings { get; init; }

    [JsonProperty("sort")]
    public int? Sort { get; init; }
}
