namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>A loss reason (amocrm-api.md §5).</summary>
internal sealed class LossReason
{
    public required long Id { get; init; }

    public required string Name { get; set; }

    public int Sort { get; set; }

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; set; }
}
