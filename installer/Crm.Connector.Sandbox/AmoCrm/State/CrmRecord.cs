namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>A lead, contact or company (amocrm-api.md §6). Fields a kind does not have stay at their defaults.</summary>
internal sealed class CrmRecord
{
    public required long Id { get; init; }

    public required EntityKind Kind { get; init; }

    public string Name { get; set; } = "";

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public long Price { get; set; }

    public long ResponsibleUserId { get; set; }

    public long GroupId { get; set; }

    public long StatusId { get; set; }

    public long PipelineId { get; set; }

    public long? LossReasonId { get; set; }

    public long CreatedBy { get; init; }

    public long UpdatedBy { get; set; }

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; set; }

    public long? ClosedAt { get; set; }

    public List<FieldValue> Values { get; set; } = [];

    public List<string> Tags { get; set; } = [];
}
