using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;
using RestSharp;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>Custom fields of leads, contacts and companies: <c>/api/v4/{entity}/custom_fields</c> (amocrm-api.md §4).</summary>
public sealed class CustomFieldService : AmoService
{
    internal CustomFieldService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET /api/v4/{entity}/custom_fields</c>: every page (50 fields a page).</summary>
    public Task<IReadOnlyList<AmoCustomField>> ListAsync(AmoEntityType entity, CancellationToken cancellationToken = default) =>
        ListAsync<AmoCustomField>(Path(entity), "custom_fields", cancellationToken, limit: AmoLimits.CustomFieldPageSize);

    /// <summary><c>POST /api/v4/{entity}/custom_fields</c>: chunks of 50; results in input order (admin only).</summary>
    public Task<IReadOnlyList<AmoCustomField>> AddAsync(AmoEntityType entity, IReadOnlyList<AmoCustomFieldAdd> fields, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoCustomField>(new WriteSpec(Method.Post, Path(entity), "custom_fields", "custom field"), fields, cancellationToken);

    /// <summary><c>PATCH /api/v4/{entity}/custom_fields</c> (an array with ids): chunks of 50; results in input order.</summary>
    public Task<IReadOnlyList<AmoCustomField>> UpdateAsync(AmoEntityType entity, IReadOnlyList<AmoCustomFieldPatch> fields, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoCustomField>(new WriteSpec(Method.Patch, Path(entity), "custom_fields", "custom field"), fields, cancellationToken);

    /// <summary><c>DELETE /api/v4/{entity}/custom_fields/{id}</c>.</summary>
    public Task DeleteAsync(AmoEntityType entity, long id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"{Path(entity)}/{id}", cancellationToken);

    private static string Path(AmoEntityType entity) => $"api/v4/{entity.Path()}/custom_fields";
}
