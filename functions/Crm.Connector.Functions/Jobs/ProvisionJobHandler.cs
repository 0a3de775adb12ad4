using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Storage.Jobs;

namespace Crm.Connector.Functions.Jobs;

/// <summary>Provisions an installation again after its install-time provisioning failed.</summary>
public sealed class ProvisionJobHandler(IStore store, Provisioner provisioner) : IJobHandler
{
    public string Kind => JobKinds.Provision;

    public async Task RunAsync(ScheduledJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var installation = await store.Installations.GetAsync(job.MemberId, cancellationToken);
        if (installation is not { Status: InstallationStatus.Active })
        {
            return;
        }

        var report = await provisioner.ProvisionAsync(installation, cancellationToken);
        if (!report.Succeeded)
        {
            throw new InvalidOperationException($"{report.Result.Failures.Count} provisioning step(s) failed: {string.Join("; ", report.Result.Failures.Select(f => f.Error))}");
        }
    }
}
