namespace Crm.Connector.AmoCrm.Models;

/// <summary>A company to create (<c>POST /api/v4/companies</c>).</summary>
public sealed record AmoCompanyAdd : AmoRecordAdd;
