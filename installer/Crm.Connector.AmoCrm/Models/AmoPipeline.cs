using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A lead pipeline with its statuses: <c>GET /api/v4/leads/pipelines</c> (amocrm-api.md §3).</summary>
public sealed record AmoPipeline(
    [property: JsonProperty("id")] long Id,
    [property: JsonProperty("name")] string Name,
    [property: JsonProperty("sort")] int Sort,
    [property: JsonProperty("is_main")] bool IsMain,
    [property: JsonProperty("is_unsorted_on")] bool IsUnsortedOn,
    [property: JsonProperty("is_archive")] bool IsArchive,
    IReadOnlyList<AmoStatus> Statuses)
{
    /// <summary>The pipeline's statuses (<c>_embedded.statuses</c>), the system ones included (unsorted, 142, 143).</summary>
    [JsonIgnore]
    public IReadOnlyList<AmoStatus> Statuses { get; init; } = Statuses ?? [];

    [JsonProperty("_embedded")]
    private EmbeddedStatuses Embedded
    {
        get => new(Statuses);
        init => Statuses = value?.Statuses ?? [];
    }

    private sealed record EmbeddedStatuses([property: JsonProperty("statuses")] IReadOnlyList<AmoStatus>? Statuses);
}
