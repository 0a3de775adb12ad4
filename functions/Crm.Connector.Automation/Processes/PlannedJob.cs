namespace Crm.Connector.Automation.Processes;

/// <summary>
/// Work a process hands to a system outside the CRM: a job of <paramref name="Kind"/> under <paramref name="Key"/>
/// (made unique by the occurrence that decided it), carrying what the job needs to know of the item as it was when
/// decided, as named values.
/// </summary>
public sealed record PlannedJob(string Kind, string Key, IReadOnlyDictionary<string, string?> Values);
