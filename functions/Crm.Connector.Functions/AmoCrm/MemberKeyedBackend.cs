using Crm.Connector.Installer;
using Crm.Connector.Installer.Actual;
using Crm.Connector.Installer.Apply;
using Crm.Connector.Installer.Planning;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>
/// The amoCRM backend with its ledger keyed by the installation's member id instead of the account host: the store's
/// ledgers are per member id (as for Bitrix24), and a host changes when the account's subdomain does while what the
/// app created there does not.
/// </summary>
internal sealed class MemberKeyedBackend(IProvisioningBackend inner, string memberId) : IProvisioningBackend
{
    public CrmKind Crm => inner.Crm;

    public string PortalKey => memberId;

    public bool AppContext => inner.AppContext;

    public ProvisioningCapabilities Capabilities => inner.Capabilities;

    public int Requests => inner.Requests;

    public int? PipelineLimit(string plan) => inner.PipelineLimit(plan);

    public Task<PortalSnapshot> ReadAsync(CancellationToken cancellationToken) => inner.ReadAsync(cancellationToken);

    public Task<ApplyResult> ApplyAsync(ProvisioningPlan plan, LedgerSession ledger, IProgress<ApplyProgress>? progress, CancellationToken cancellationToken) =>
        inner.ApplyAsync(plan, ledger, progress, cancellationToken);

    public Task<UninstallResult> UninstallAsync(LedgerSession ledger, IProgress<ApplyProgress>? progress, CancellationToken cancellationToken) =>
        inner.UninstallAsync(ledger, progress, cancellationToken);
}
