using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;
using RestSharp;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>Roles: <c>/api/v4/roles</c> (amocrm-api.md §10).</summary>
public sealed class RoleService : AmoService
{
    private const string Path = "api/v4/roles";

    internal RoleService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET /api/v4/roles</c>.</summary>
    public Task<IReadOnlyList<AmoRole>> ListAsync(CancellationToken cancellationToken = default) =>
        ListAsync<AmoRole>(Path, "roles", cancellationToken);

    /// <summary><c>POST /api/v4/roles</c>: results in input order.</summary>
    public Task<IReadOnlyList<AmoRole>> AddAsync(IReadOnlyList<AmoRoleAdd> roles, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoRole>(new WriteSpec(Method.Post, Path, "roles", "role"), roles, cancellationToken);

    /// <summary><c>PATCH /api/v4/roles/{id}</c>.</summary>
    public Task<AmoRole> UpdateAsync(long id, AmoRolePatch patch, CancellationToken cancellationToken = default) =>
        SendAsync<AmoRole>(Method.Patch, $"{Path}/{id}", patch, cancellationToken, "role");

    /// <summary><c>DELETE /api/v4/roles/{id}</c>.</summary>
    public Task DeleteAsync(long id, CancellationToken cancellationToken = default) => DeleteAsync($"{Path}/{id}", cancellationToken);
}
