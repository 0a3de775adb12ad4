namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>A stage before which a field must be filled (<c>required_statuses</c>).</summary>
internal sealed record RequiredStatus(long PipelineId, long StatusId);
