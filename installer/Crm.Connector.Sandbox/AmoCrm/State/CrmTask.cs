namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>A task (amocrm-api.md §7.1).</summary>
internal sealed class CrmTask
{
    public required long Id { get; init; }

    public string Text { get; set; } = "";

    public long CompleteTill { get; set; }

    public long TaskTypeId { get; set; } = 1;

    public long ResponsibleUserId { get; set; }

    public long GroupId { get; set; }

    public long? EntityId { get; set; }

    public EntityKind? EntityType { get; set; }

    public long Duration { get; set; }

    public bool IsCompleted { get; set; }

    public string? ResultText { get; set; }

    public long CreatedBy { get; init; }

    public long UpdatedBy { get; set; }

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; set; }
}
