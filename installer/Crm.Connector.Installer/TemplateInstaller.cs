using System.Diagnostics;
using Crm.Connector.Installer.Apply;
using Crm.Connector.Installer.Desired;
using Crm.Connector.Installer.Export;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Installer.Planning;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Plans;

namespace Crm.Connector.Installer;

/// <summary>
/// Plan, apply, uninstall and export of templates on one portal — the same for every CRM; the backend does the CRM's part.
/// </summary>
public sealed class TemplateInstaller(IProvisioningBackend backend, ILedgerStore ledgers, TimeProvider time)
{
    public IProvisioningBackend Backend { get; } = backend;

    /// <summary>Reads the portal and the ledger and computes what applying <paramref name="template"/> would do.</summary>
    public async Task<ProvisioningPlan> PlanAsync(CrmTemplate template, InstallOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(options);
        if (template.Crm != Backend.Crm)
        {
            throw new InvalidOperationException($"Template '{template.Key}' is for {Templates.Serialization.EnumNames.Of(template.Crm)}, but the portal is {Templates.Serialization.EnumNames.Of(Backend.Crm)}.");
        }

        var snapshot = await Backend.ReadAsync(cancellationToken);
        var plan = ResolvePlan(template.Crm, options.Plan, snapshot.DetectedPlan);
        snapshot = snapshot with { MaxPipelines = Backend.PipelineLimit(plan) };
        var desired = DesiredStateBuilder.Build(template, new DesiredOptions
        {
            Plan = plan,
            Language = options.Language,
            HandlerBase = options.HandlerBase,
            AppContext = Backend.AppContext,
            Events = options.Events,
            Capabilities = Backend.Capabilities,
        });
        var ledger = await ledgers.LoadAsync(Backend.PortalKey, template.Key, cancellationToken);
        return Planner.Plan(desired, snapshot, ledger, new PlanOptions { Adopt = options.Adopt, AllowDestroy = options.AllowDestroy });
    }

    /// <summary>Carries out <paramref name="plan"/>; the ledger is saved after every write request.</summary>
    public async Task<ApplyResult> ApplyAsync(ProvisioningPlan plan, IProgress<ApplyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var clock = Stopwatch.StartNew();
        var ledger = await ledgers.LoadAsync(Backend.PortalKey, plan.Desired.TemplateKey, cancellationToken);
        var session = new LedgerSession(ledger, ledgers);
        var result = await Backend.ApplyAsync(plan, session, progress, cancellationToken);
        ledger.TemplateVersion = plan.Desired.TemplateVersion;
        ledger.AppAutomations = [.. plan.Desired.Automations.Select(a => a.Key.ToString())];
        ledger.AppliedAt = time.GetUtcNow();
        await session.SaveAsync(cancellationToken);
        return result with { Elapsed = clock.Elapsed };
    }

    /// <summary>Removes what the app created for <paramref name="templateKey"/> on this portal, except what holds data.</summary>
    public async Task<UninstallResult> UninstallAsync(string templateKey, IProgress<ApplyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var ledger = await ledgers.LoadAsync(Backend.PortalKey, templateKey, cancellationToken);
        var result = await Backend.UninstallAsync(new LedgerSession(ledger, ledgers), progress, cancellationToken);
        return result with { Elapsed = clock.Elapsed };
    }

    /// <summary>The portal's pipelines, stages, fields and sources as a template (robots cannot be read back).</summary>
    public async Task<ExportResult> ExportAsync(string key, CancellationToken cancellationToken = default)
    {
        var snapshot = await Backend.ReadAsync(cancellationToken);
        return TemplateExporter.Export(snapshot, Backend.Crm, key, Backend.PortalKey);
    }

    private static string ResolvePlan(CrmKind crm, string? requested, string? detected)
    {
        if (requested is not null)
        {
            return PlanCatalog.Normalize(crm, requested)
                ?? throw new ArgumentException($"'{requested}' is not a {Templates.Serialization.EnumNames.Of(crm)} plan; use one of {string.Join(", ", PlanCatalog.PlansOf(crm))}.", nameof(requested));
        }

        // Unknown plan (a webhook cannot read it): assume everything is available; the portal refuses what it lacks.
        return detected ?? PlanCatalog.PlansOf(crm)[^1];
    }
}
