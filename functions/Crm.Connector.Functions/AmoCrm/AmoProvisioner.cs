using System.Collections.Concurrent;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Installer;
using Crm.Connector.Installer.AmoCrm;
using Crm.Connector.Installer.Apply;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Installations;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>
/// Installs an amoCRM installation's template through the provisioning engine (plan, then apply only what differs) —
/// the same engine and backend as <c>crm-connector apply --crm amocrm</c>, with the ledger in the store under the
/// member id. Run from the <c>amocrm-provision</c> queue after an install; re-running it is a no-op. One run per
/// account at a time in this process.
/// </summary>
public sealed class AmoProvisioner(IStore store, AmoClients clients, TemplateProvider templates, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _running = new(StringComparer.Ordinal);

    public async Task<ProvisionReport> ProvisionAsync(Installation installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var gate = _running.GetOrAdd(installation.MemberId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var template = await templates.GetAsync(installation.TemplateKey ?? throw new InvalidOperationException("The installation names no template."));
            using var client = clients.For(installation);
            var installer = new TemplateInstaller(new MemberKeyedBackend(new AmoCrmBackend(client), installation.MemberId), store.Ledgers, time);
            var plan = await installer.PlanAsync(template, new InstallOptions(), cancellationToken);
            var result = plan.HasChanges ? await installer.ApplyAsync(plan, cancellationToken: cancellationToken) : new ApplyResult();
            return new ProvisionReport(template.Key, template.Version, plan.Snapshot.DetectedPlan, plan, result, client.Statistics.Requests);
        }
        finally
        {
            gate.Release();
        }
    }
}
