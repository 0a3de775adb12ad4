using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;
using RestSharp;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>Custom field groups (tabs): <c>/api/v4/{entity}/custom_fields/groups</c>.</summary>
public sealed class CustomFieldGroupService : AmoService
{
    internal CustomFieldGroupService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET /api/v4/{entity}/custom_fields/groups</c>.</summary>
    public Task<IReadOnlyList<AmoFieldGroup>> ListAsync(AmoEntityType entity, CancellationToken cancellationToken = default) =>
        ListAsync<AmoFieldGroup>(Path(entity), "custom_field_groups", cancellationToken);

    /// <summary><c>POST /api/v4/{entity}/custom_fields/groups</c>: results in input order.</summary>
    public Task<IReadOnlyList<AmoFieldGroup>> AddAsync(AmoEntityType entity, IReadOnlyList<AmoFieldGroupAdd> groups, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoFieldGroup>(new WriteSpec(Method.Post, Path(entity), "custom_field_groups", "field group"), groups, cancellationToken);

    /// <summary><c>DELETE /api/v4/{entity}/custom_fields/groups/{id}</c>.</summary>
    public Task DeleteAsync(AmoEntityType entity, string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return DeleteAsync($"{Path(entity)}/{Uri.EscapeDataString(id)}", cancellationToken);
    }

    private static string Path(AmoEntityType entity) => $"api/v4/{entity.Path()}/custom_fields/groups";
}
