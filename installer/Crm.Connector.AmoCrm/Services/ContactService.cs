using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>Contacts: <c>/api/v4/contacts</c> (amocrm-api.md §6).</summary>
public sealed class ContactService : AmoService
{
    private const string Path = "api/v4/contacts";

    internal ContactService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET /api/v4/contacts</c>: every page (250 a page) of what <paramref name="filter"/> selects.</summary>
    public Task<IReadOnlyList<AmoContact>> ListAsync(AmoListFilter? filter = null, CancellationToken cancellationToken = default) =>
        ListAsync<AmoContact>(Path, "contacts", cancellationToken, Filters.Query(filter));

    /// <summary><c>GET /api/v4/contacts/{id}?with=…</c>; null when there is none (404, 204).</summary>
    public async Task<AmoContact?> GetAsync(long id, IReadOnlyList<string>? with = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetOrDefaultAsync<AmoContact>($"{Path}/{id}", new AmoQuery().With(with), cancellationToken);
        }
        catch (Errors.AmoCrmNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>POST /api/v4/contacts</c>: chunks of 50, results (ids) in input order. Over 40 custom field values, the rest
    /// follow in PATCHes.
    /// </summary>
    public Task<IReadOnlyList<AmoWriteResult>> AddAsync(IReadOnlyList<AmoContactAdd> contacts, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoWriteResult>(new WriteSpec(RestSharp.Method.Post, Path, "contacts", "contact") { SplitValues = true }, contacts, cancellationToken);

    /// <summary><c>PATCH /api/v4/contacts</c> (an array with ids): chunks of 50, results in input order.</summary>
    public Task<IReadOnlyList<AmoWriteResult>> UpdateAsync(IReadOnlyList<AmoContactPatch> contacts, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoWriteResult>(new WriteSpec(RestSharp.Method.Patch, Path, "contacts", "contact") { SplitValues = true }, contacts, cancellationToken);

    /// <summary>One contact: <c>PATCH /api/v4/contacts</c>.</summary>
    public async Task<AmoWriteResult> UpdateAsync(AmoContactPatch patch, CancellationToken cancellationToken = default) =>
        (await UpdateAsync([patch], cancellationToken))[0];
}
