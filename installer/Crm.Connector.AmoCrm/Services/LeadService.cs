using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>Leads: <c>/api/v4/leads</c> (amocrm-api.md §6).</summary>
public sealed class LeadService : AmoService
{
    private const string Path = "api/v4/leads";

    internal LeadService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET /api/v4/leads</c>: every page (250 a page) of what <paramref name="filter"/> selects (with <see cref="AmoWith.Contacts"/>, <see cref="AmoWith.LossReason"/> in <see cref="AmoListFilter.With"/>).</summary>
    public Task<IReadOnlyList<AmoLead>> ListAsync(AmoListFilter? filter = null, CancellationToken cancellationToken = default) =>
        ListAsync<AmoLead>(Path, "leads", cancellationToken, Filters.Query(filter));

    /// <summary><c>GET /api/v4/leads/{id}?with=…</c>; null when there is none (404, 204).</summary>
    public async Task<AmoLead?> GetAsync(long id, IReadOnlyList<string>? with = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetOrDefaultAsync<AmoLead>($"{Path}/{id}", new AmoQuery().With(with), cancellationToken);
        }
        catch (Errors.AmoCrmNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>POST /api/v4/leads</c>: chunks of 50, results (ids) in input order. Over 40 custom field values, the rest
    /// follow in PATCHes.
    /// </summary>
    public Task<IReadOnlyList<AmoWriteResult>> AddAsync(IReadOnlyList<AmoLeadAdd> leads, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoWriteResult>(new WriteSpec(RestSharp.Method.Post, Path, "leads", "lead") { SplitValues = true }, leads, cancellationToken);

    /// <summary><c>PATCH /api/v4/leads</c> (an array with ids): chunks of 50, results in input order.</summary>
    public Task<IReadOnlyList<AmoWriteResult>> UpdateAsync(IReadOnlyList<AmoLeadPatch> leads, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoWriteResult>(new WriteSpec(RestSharp.Method.Patch, Path, "leads", "lead") { SplitValues = true }, leads, cancellationToken);

    /// <summary>One lead: <c>PATCH /api/v4/leads</c>.</summary>
    public async Task<AmoWriteResult> UpdateAsync(AmoLeadPatch patch, CancellationToken cancellationToken = default) =>
        (await UpdateAsync([patch], cancellationToken))[0];
}
