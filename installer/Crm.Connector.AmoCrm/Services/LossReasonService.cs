using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;
using RestSharp;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>Loss reasons: <c>/api/v4/leads/loss_reasons</c> (amocrm-api.md §5).</summary>
public sealed class LossReasonService : AmoService
{
    private const string Path = "api/v4/leads/loss_reasons";

    internal LossReasonService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET /api/v4/leads/loss_reasons</c>.</summary>
    public Task<IReadOnlyList<AmoLossReason>> ListAsync(CancellationToken cancellationToken = default) =>
        ListAsync<AmoLossReason>(Path, "loss_reasons", cancellationToken);

    /// <summary><c>POST /api/v4/leads/loss_reasons</c>: results in input order.</summary>
    public Task<IReadOnlyList<AmoLossReason>> AddAsync(IReadOnlyList<AmoLossReasonAdd> reasons, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoLossReason>(new WriteSpec(Method.Post, Path, "loss_reasons", "loss reason"), reasons, cancellationToken);

    /// <summary><c>PATCH /api/v4/leads/loss_reasons/{id}</c>.</summary>
    public Task<AmoLossReason> UpdateAsync(long id, AmoLossReasonPatch patch, CancellationToken cancellationToken = default) =>
        SendAsync<AmoLossReason>(Method.Patch, $"{Path}/{id}", patch, cancellationToken, "loss reason");

    /// <summary><c>DELETE /api/v4/leads/loss_reasons/{id}</c>.</summary>
    public Task DeleteAsync(long id, CancellationToken cancellationToken = default) => DeleteAsync($"{Path}/{id}", cancellationToken);
}
