namespace Crm.Connector.Automation.Processes;

/// <summary>The outcome of <see cref="AdmissionScoring.Evaluate"/>: the status, the sum of the valid results, and which fields were blank or out of range.</summary>
public sealed record AdmissionResult(AdmissionStatus Status, decimal Total, IReadOnlyList<string> InvalidFields, IReadOnlyList<string> MissingFields);
