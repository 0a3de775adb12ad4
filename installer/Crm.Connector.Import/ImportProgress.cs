namespace Crm.Connector.Import;

/// <summary>Reported after every request: rows done of the phase's total, the phase (checking, writing, merging, comments).</summary>
public sealed record ImportProgress(int Done, int Total, string Phase, int Requests);
