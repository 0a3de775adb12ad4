using Crm.Connector.Installer.Actual;
using Crm.Connector.Installer.Apply;
using Crm.Connector.Installer.Planning;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer;

/// <summary>
/// One CRM at the edge of the CRM-neutral engine: reads a portal into a <see cref="PortalSnapshot"/>, applies plan steps
/// (batched as the CRM allows), uninstalls what the ledger says is ours.
/// </summary>
public interface IProvisioningBackend
{
    CrmKind Crm { get; }

    /// <summary>The portal's identity for ledgers (member id, or host for a webhook).</summary>
    string PortalKey { get; }

    /// <summary>True when connected as the app (robots and event handlers can be managed).</summary>
    bool AppContext { get; }

    /// <summary>What the CRM holds natively; the engine plans the rest as rules run by the app.</summary>
    ProvisioningCapabilities Capabilities { get; }

    /// <summary>HTTP requests used so far.</summary>
    int Requests { get; }

    /// <summary>How many pipelines a plan allows (null: no known limit).</summary>
    int? PipelineLimit(string plan);

    /// <summary>Reads everything a template may touch, in as few requests as the CRM allows.</summary>
    Task<PortalSnapshot> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Carries out the writing steps of <paramref name="plan"/>, recording each result in the ledger as it goes.</summary>
    Task<ApplyResult> ApplyAsync(ProvisioningPlan plan, LedgerSession ledger, IProgress<ApplyProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Removes what the ledger says the app created, except what holds data.</summary>
    Task<UninstallResult> UninstallAsync(LedgerSession ledger, IProgress<ApplyProgress>? progress, CancellationToken cancellationToken);
}
