using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;
using RestSharp;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>The account: <c>GET /api/v4/account</c> (amocrm-api.md §10).</summary>
public sealed class AccountService : AmoService
{
    internal AccountService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary>
    /// <c>GET /api/v4/account?with=…</c>. The cancellation token comes before <paramref name="with"/> here because a
    /// <c>params</c> array must be last (the agreed signature); <see cref="GetAsync(IReadOnlyList{string}, CancellationToken)"/> keeps the usual order.
    /// </summary>
    public Task<AmoAccount> GetAsync(CancellationToken cancellationToken = default, params string[] with) =>
        GetAsync((IReadOnlyList<string>)with, cancellationToken);

    /// <summary><c>GET /api/v4/account?with=…</c>.</summary>
    public async Task<AmoAccount> GetAsync(IReadOnlyList<string> with, CancellationToken cancellationToken = default)
    {
        var answer = await Requestor.SendAsync(new AmoRequest(Method.Get, "api/v4/account") { Query = new AmoQuery().With(with) }, cancellationToken);
        return AmoJson.To<AmoAccount>(answer.Body);
    }
}
