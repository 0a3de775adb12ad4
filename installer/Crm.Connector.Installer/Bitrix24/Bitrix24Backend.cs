using Crm.Connector.Bitrix24;
using Crm.Connector.Installer.Actual;
using Crm.Connector.Installer.Apply;
using Crm.Connector.Installer.Planning;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Bitrix24;

/// <summary>The Bitrix24 edge of the provisioning engine, over one <see cref="Bitrix24Client"/>.</summary>
public sealed class Bitrix24Backend(Bitrix24Client client) : IProvisioningBackend
{
    public CrmKind Crm => CrmKind.Bitrix24;

    public string PortalKey => client.Credentials.PortalKey;

    public bool AppContext => client.Credentials.IsAppContext;

    public ProvisioningCapabilities Capabilities => ProvisioningCapabilities.Bitrix24;

    public int Requests => client.Statistics.Requests;

    public Bitrix24Client Client => client;

    public int? PipelineLimit(string plan) => Bitrix24Plans.PipelineLimit(plan);

    public Task<PortalSnapshot> ReadAsync(CancellationToken cancellationToken) => SnapshotReader.ReadAsync(client, cancellationToken);

    public Task<ApplyResult> ApplyAsync(ProvisioningPlan plan, LedgerSession ledger, IProgress<ApplyProgress>? progress, CancellationToken cancellationToken) =>
        new Applier(client, plan, ledger, progress).RunAsync(cancellationToken);

    public Task<UninstallResult> UninstallAsync(LedgerSession ledger, IProgress<ApplyProgress>? progress, CancellationToken cancellationToken) =>
        new Uninstaller(client, ledger, progress).RunAsync(cancellationToken);
}
