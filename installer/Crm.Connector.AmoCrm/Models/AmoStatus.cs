using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A pipeline status (stage). 142 and 143 are the same in every pipeline: send the pipeline id with them.</summary>
public sealed record AmoStatus(
    [property: JsonProperty("id")] long Id,
    [property: JsonProperty("name")] string Name,
    [property: JsonProperty("sort")] int Sort,
    [property: JsonProperty("is_editable")] bool IsEditable,
    [property: JsonProperty("pipeline_id")] long PipelineId,
    [property: JsonProperty("color")] string? Color,
    [property: JsonProperty("type")] int Type)
{
    /// <summary>Closed — won («Успешно реализовано»).</summary>
    public const long Won = 142;

    /// <summary>Closed — lost («Закрыто и не реализовано»).</summary>
    public const long Lost = 143;

    /// <summary><see cref="Type"/> of the incoming-leads status («Неразобранное»); 0 is a normal one.</summary>
    public const int UnsortedType = 1;
}
