using Crm.Connector.AmoCrm;
using Crm.Connector.Installer.Actual;
using Crm.Connector.Installer.Apply;
using Crm.Connector.Installer.Planning;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.AmoCrm;

/// <summary>
/// The amoCRM edge of the provisioning engine, over one <see cref="AmoCrmClient"/>. amoCRM holds more than Bitrix24
/// REST can set, and it is used: roles with their rights, loss reasons, fields required from a stage
/// (<c>required_statuses</c>). Its statuses have no codes, so they are matched by the ledger, then by name.
/// </summary>
public sealed class AmoCrmBackend(AmoCrmClient client) : IProvisioningBackend
{
    /// <summary>What amoCRM API v4 holds natively.</summary>
    public static readonly ProvisioningCapabilities AmoCrmCapabilities = new()
    {
        StoredRoleRights = AmoRoles.Stored,
        StoredFieldType = AmoCrmNames.StoredType,
        LossReasons = true,
        StageRequiredFields = true,
    };

    public CrmKind Crm => CrmKind.AmoCrm;

    public string PortalKey => client.Account.Key;

    /// <summary>amoCRM has no robots or event handlers to register: nothing depends on how the app is connected.</summary>
    public bool AppContext => true;

    public ProvisioningCapabilities Capabilities => AmoCrmCapabilities;

    public int Requests => client.Statistics.Requests;

    public AmoCrmClient Client => client;

    public int? PipelineLimit(string plan) => AmoCrmNames.MaxPipelines;

    public Task<PortalSnapshot> ReadAsync(CancellationToken cancellationToken) => AmoSnapshotReader.ReadAsync(client, cancellationToken);

    public Task<ApplyResult> ApplyAsync(ProvisioningPlan plan, LedgerSession ledger, IProgress<ApplyProgress>? progress, CancellationToken cancellationToken) =>
        new AmoApplier(client, plan, ledger, progress).RunAsync(cancellationToken);

    public Task<UninstallResult> UninstallAsync(LedgerSession ledger, IProgress<ApplyProgress>? progress, CancellationToken cancellationToken) =>
        new AmoUninstaller(client, ledger, progress).RunAsync(cancellationToken);
}
