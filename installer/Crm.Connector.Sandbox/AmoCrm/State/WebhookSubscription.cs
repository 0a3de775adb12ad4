namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>A webhook destination (amocrm-api.md §8.1) and the outcome of its deliveries (§8.3).</summary>
internal sealed class WebhookSubscription
{
    public required long Id { get; init; }

    public required string Destination { get; init; }

    public List<string> Settings { get; set; } = [];

    public int Sort { get; set; }

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; set; }

    public long CreatedBy { get; init; }

    public bool Disabled { get; set; }

    public int Delivered { get; set; }

    public int Failed { get; set; }

    /// <summary>Recent deliveries (last 2 hours, newest last) — what the disabling rule looks at.</summary>
    public List<DeliveryAttempt> Attempts { get; } = [];
}
