namespace Crm.Connector.AmoCrm.Models;

/// <summary>A status as filters name it: always with its pipeline (142/143 are in every pipeline).</summary>
public sealed record AmoStageKey(long PipelineId, long StatusId);
