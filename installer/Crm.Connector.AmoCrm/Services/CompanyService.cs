using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>Companies: <c>/api/v4/companies</c> (amocrm-api.md §6).</summary>
public sealed class CompanyService : AmoService
{
    private const string Path = "api/v4/companies";

    internal CompanyService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET /api/v4/companies</c>: every page (250 a page) of what <paramref name="filter"/> selects.</summary>
    public Task<IReadOnlyList<AmoCompany>> ListAsync(AmoListFilter? filter = null, CancellationToken cancellationToken = default) =>
        ListAsync<AmoCompany>(Path, "companies", cancellationToken, Filters.Query(filter));

    /// <summary><c>GET /api/v4/companies/{id}?with=…</c>; null when there is none (404, 204).</summary>
    public async Task<AmoCompany?> GetAsync(long id, IReadOnlyList<string>? with = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetOrDefaultAsync<AmoCompany>($"{Path}/{id}", new AmoQuery().With(with), cancellationToken);
        }
        catch (Errors.AmoCrmNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>POST /api/v4/companies</c>: chunks of 50, results (ids) in input order. Over 40 custom field values, the rest
    /// follow in PATCHes.
    /// </summary>
    public Task<IReadOnlyList<AmoWriteResult>> AddAsync(IReadOnlyList<AmoCompanyAdd> companies, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoWriteResult>(new WriteSpec(RestSharp.Method.Post, Path, "companies", "company") { SplitValues = true }, companies, cancellationToken);

    /// <summary><c>PATCH /api/v4/companies</c> (an array with ids): chunks of 50, results in input order.</summary>
    public Task<IReadOnlyList<AmoWriteResult>> UpdateAsync(IReadOnlyList<AmoCompanyPatch> companies, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoWriteResult>(new WriteSpec(RestSharp.Method.Patch, Path, "companies", "company") { SplitValues = true }, companies, cancellationToken);

    /// <summary>One company: <c>PATCH /api/v4/companies</c>.</summary>
    public async Task<AmoWriteResult> UpdateAsync(AmoCompanyPatch patch, CancellationToken cancellationToken = default) =>
        (await UpdateAsync([patch], cancellationToken))[0];
}
