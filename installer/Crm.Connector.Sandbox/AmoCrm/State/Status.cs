using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>A status (stage) of a pipeline (amocrm-api.md §3).</summary>
internal sealed class Status
{
    /// <summary>Closed-won, the same id in every pipeline.</summary>
    public const long Won = 142;

    /// <summary>Closed-lost, the same id in every pipeline.</summary>
    public const long Lost = 143;

    public required long Id { get; init; }

    public required long PipelineId { get; init; }

    public required string Name { get; set; }

    public int Sort { get; set; }

    public required string Color { get; set; }

    /// <summary>1 = unsorted ("Неразобранное"), 0 = normal (142 and 143 included).</summary>
    public int Type { get; init; }

    public bool IsEditable { get; init; } = true;

    public JArray Descriptions { get; set; } = [];

    public bool IsClosed => Id is Won or Lost;

    public bool IsSystem => IsClosed || Type == 1;
}
