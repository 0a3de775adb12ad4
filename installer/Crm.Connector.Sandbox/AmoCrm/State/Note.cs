using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>A note on a lead, contact or company (amocrm-api.md §7.2).</summary>
internal sealed class Note
{
    public required long Id { get; init; }

    public required EntityKind Entity { get; init; }

    public required long EntityId { get; init; }

    public required string NoteType { get; init; }

    public JObject Params { get; set; } = [];

    public long ResponsibleUserId { get; set; }

    public long CreatedBy { get; init; }

    public long UpdatedBy { get; set; }

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; set; }
}
