namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>A department of the company structure (department.get).</summary>
internal sealed record Department(int Id, string Name, int? Parent, int Head, int Sort);
