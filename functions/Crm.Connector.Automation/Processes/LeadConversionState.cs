namespace Crm.Connector.Automation.Processes;

/// <summary>
/// What the portal already holds for a lead when it is routed: the deals made from it (<c>LEAD_ID</c> = the lead: the
/// portal's own conversion, or an earlier route), and the contact and company the lead is bound to (a returning client,
/// or a conversion under way).
/// </summary>
public sealed record LeadConversionState(IReadOnlyList<ItemState> Deals, string? ContactId, string? CompanyId)
{
    /// <summary>Nothing made from the lead, nothing bound to it.</summary>
    public static readonly LeadConversionState None = new([], null, null);
}

/// <summary>
/// What routing a lead does, given <see cref="LeadConversionState"/>: create the deal (with a new contact and company, or
/// the ones the lead is bound to), or — the lead already converted, or conversion left to the manager — create nothing
/// and fill the empty fields of the deals made from it with the lead's values.
/// </summary>
public sealed record LeadRoutePlan(bool CreateDeal, bool CreateContact, string? ContactId, bool CreateCompany, string? CompanyId, IReadOnlyDictionary<long, IReadOnlyDictionary<string, object?>> Fill, string Why);
