namespace Crm.Connector.AmoCrm.Models;

/// <summary>A company as read.</summary>
public sealed record AmoCompany : AmoRecord;
