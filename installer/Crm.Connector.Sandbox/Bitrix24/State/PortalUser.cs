namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>A portal employee (user.get, profile).</summary>
internal sealed record PortalUser(int Id, string Name, string LastName, string Email, bool Active, bool Admin, IReadOnlyList<int> Departments);
