using System.Collections.Concurrent;
using Crm.Connector.Installer;
using Crm.Connector.Installer.Apply;
using Crm.Connector.Installer.Bitrix24;
using Crm.Connector.Installer.Desired;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Functions.Bitrix24.Inbound;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Bitrix24;

/// <summary>
/// Installs an installation's template through the provisioning engine (plan, then apply only what differs), binds the
/// app's event handlers and registers its robots at the app's public address. Run on install, on every app update
/// (Bitrix24 drops handlers and robots then) and by the retry job. One run per portal at a time in this process.
/// </summary>
public sealed class Provisioner(IStore store, PortalClients clients, TemplateProvider templates, Work.PortalListItemsCache listItems, IOptions<AppOptions> app, Hosting.HostingInfo hosting, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _running = new(StringComparer.Ordinal);

    /// <summary>Where portals send events: <c>{public URL}api/bitrix24/events</c>.</summary>
    public Uri EventsUrl => new(PublicUrl, "api/bitrix24/events");

    /// <summary>The configured public URL, else where this process listens (right for local runs and the sandbox).</summary>
    private Uri PublicUrl => app.Value.PublicUrl is { } configured
        ? new Uri(configured.AbsoluteUri.TrimEnd('/') + "/")
        : new Uri(hosting.Url.TrimEnd('/') + "/");

    /// <summary>
    /// What applying <paramref name="templateKey"/> to the installation's portal would do, without writing anything (the
    /// settings page shows it before an admin re-applies or changes the template).
    /// </summary>
    public async Task<Installer.Planning.ProvisioningPlan> PlanAsync(Installation installation, string templateKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var (template, _, installer, options) = await PrepareAsync(installation, templateKey);
        return await installer.PlanAsync(template, options, cancellationToken);
    }

    public async Task<ProvisionReport> ProvisionAsync(Installation installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var gate = _running.GetOrAdd(installation.MemberId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var (template, client, installer, options) = await PrepareAsync(installation, installation.TemplateKey ?? throw new InvalidOperationException("The installation names no template."));
            var requestsBefore = client.Statistics.Requests;
            var plan = await installer.PlanAsync(template, options, cancellationToken);
            var result = plan.HasChanges ? await installer.ApplyAsync(plan, cancellationToken: cancellationToken) : new ApplyResult();

            // An apply may have added list items: the worker reads their ids afresh.
            listItems.Forget(installation.MemberId);
            var detected = plan.Snapshot.DetectedPlan ?? installation.Plan;
            if (detected != installation.Plan)
            {
                await store.Installations.SaveAsync(installation with { Plan = detected, UpdatedAt = time.GetUtcNow() }, cancellationToken: cancellationToken);
            }

            return new ProvisionReport(template.Key, template.Version, detected, plan, result, client.Statistics.Requests - requestsBefore);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(Templates.Model.CrmTemplate Template, Crm.Connector.Bitrix24.Bitrix24Client Client, TemplateInstaller Installer, InstallOptions Options)> PrepareAsync(Installation installation, string templateKey)
    {
        var template = await templates.GetAsync(templateKey);
        var client = clients.For(installation.MemberId, installation.Plan);
        var installer = new TemplateInstaller(new Bitrix24Backend(client), store.Ledgers, time);
        var options = new InstallOptions
        {
            HandlerBase = PublicUrl,
            // Online handlers deliver changes as they happen; the offline queue keeps the ones that could not be
            // delivered (the app down or unreachable), and the reconcile timer drains it.
            Events =
            [
                .. EventMessage.Entities.Keys.Select(e => new DesiredEvent(ResourceKey.Event(e, EventsUrl.AbsoluteUri), e, EventsUrl)),
                .. EventMessage.Entities.Keys.Select(e => new DesiredEvent(ResourceKey.Event(e, EventBindingId.Offline), e, EventsUrl, Offline: true)),
            ],
        };
        return (template, client, installer, options);
    }
}
