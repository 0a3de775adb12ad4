using Crm.Connector.Functions.AmoCrm;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Installations;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.Handlers;

/// <summary>
/// <c>amocrm-provision</c>: installs the template on an account the install just stored. A failure throws, so the
/// queue retries it (host.json: up to 5 times, then the poison queue); a removed installation is skipped.
/// </summary>
public sealed class AmoCrmProvisionFunction(IStore store, AmoProvisioner provisioner, ILogger<AmoCrmProvisionFunction> log)
{
    public const string Name = "amocrm-provision";

    [Function(Name)]
    public async Task RunAsync([QueueTrigger(AmoProvisionMessage.Queue)] string message, CancellationToken cancellationToken)
    {
        var memberId = AmoProvisionMessage.MemberOf(message);
        if (memberId is null)
        {
            AmoCrmLog.NotAProvisionMessage(log);
            return;
        }

        var installation = await store.Installations.GetAsync(memberId, cancellationToken);
        if (installation is not { Status: InstallationStatus.Active, Crm: AmoInstallations.Crm })
        {
            return;
        }

        var report = await provisioner.ProvisionAsync(installation, cancellationToken);
        AmoCrmLog.Provisioned(log, memberId, report.Template, report.Result.Created, report.Result.Updated, report.Result.Failures.Count, report.Requests);
        if (!report.Succeeded)
        {
            throw new InvalidOperationException($"{report.Result.Failures.Count} provisioning step(s) failed on {memberId}: {string.Join("; ", report.Result.Failures.Select(f => f.Error))}");
        }
    }
}
