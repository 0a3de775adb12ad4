namespace Crm.Connector.Automation.Processes;

/// <summary>
/// Where a qualified lead goes: a deal in <see cref="Pipeline"/> at <see cref="Stage"/> (null = the pipeline's first
/// stage), with the lead's values for the deal's fields, and a contact (and company) made from the lead.
/// <see cref="Automatic"/> false: the manager converts the lead in the portal; the app only carries the values over.
/// </summary>
public sealed record LeadRoute(string Pipeline, string? Stage, IReadOnlyDictionary<string, object?> DealFields, bool CreateContact, bool CreateCompany, bool Automatic = true);
