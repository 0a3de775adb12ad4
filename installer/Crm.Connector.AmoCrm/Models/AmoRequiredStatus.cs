using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A stage from which a field must be filled before a lead moves into it.</summary>
public sealed record AmoRequiredStatus(
    [property: JsonProperty("pipeline_id")] long PipelineId,
    [property: JsonProperty("status_id")] long StatusId);
