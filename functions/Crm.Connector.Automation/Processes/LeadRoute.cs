namespace Crm.Connector.Automation.Processes;

/// <summary>
/// Where a qualified lead goes: a deal in <see cref="Pipeline"/> at <see cref="Stage"/> (null = the pipeline's first
/// stage), with the lead's values for the deal's fields, and a contact (and company) made from the lead.
/// </summary>
public sealed record LeadRoute(string Pipeline, string? Stage, IReadOnlyDictionary<string, object?> DealFields, bool CreateContact, bool CreateCompany);
