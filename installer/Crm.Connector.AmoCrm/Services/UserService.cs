using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>Users: <c>GET /api/v4/users</c> (amocrm-api.md §10).</summary>
public sealed class UserService : AmoService
{
    internal UserService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET /api/v4/users?with=role,group</c>: every user, active or not (<see cref="AmoUserRights.IsActive"/>).</summary>
    public Task<IReadOnlyList<AmoUser>> ListAsync(CancellationToken cancellationToken = default) =>
        ListAsync<AmoUser>("api/v4/users", "users", cancellationToken, new AmoQuery().With([AmoWith.Role, AmoWith.Group]));
}
