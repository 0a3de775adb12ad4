namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>A group of users (<c>GET /api/v4/account?with=users_groups</c>).</summary>
internal sealed record UserGroup(long Id, string Name);
