using Crm.Connector.Installer.Planning;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Tests.Portal;

/// <summary>
/// body-shop's «Выставить счет» button (seed 004) on a sandbox portal: bound by the first apply with its ru/en titles,
/// left alone by the next, bound again when its title changes, unbound by an uninstall or when it leaves the template.
/// </summary>
public sealed class PlacementApplyTests
{
    private static readonly string Handler = new Uri(SandboxInstall.HandlerBase, "api/app/placements/invoice-button").AbsoluteUri;

    [Fact]
    public async Task Apply_BodyShop_BindsTheInvoiceButtonOnTheDealCard()
    {
        await using var portal = await SandboxInstall.StartAsync();
        var template = SandboxInstall.Template("body-shop");

        var plan = await portal.Installer.PlanAsync(template, SandboxInstall.Options());
        var result = await portal.Installer.ApplyAsync(plan);
        var bound = Assert.Single(await portal.Client.Placements.GetAsync());

        Assert.True(result.Succeeded, string.Join('\n', result.Failures));
        Assert.Equal(StepAction.Create, Step(plan).Action);
        Assert.Equal(("CRM_DEAL_DETAIL_TOOLBAR", Handler, "Выставить счет"), (bound.Placement, bound.Handler, bound.Title));
        Assert.Equal(("Выставить счет", "Issue an invoice"), (bound.LangAll["ru"].Title, bound.LangAll["en"].Title));
        Assert.Equal($"CRM_DEAL_DETAIL_TOOLBAR|{Handler}", (await portal.Ledgers.LoadAsync(portal.Client.Credentials.PortalKey, template.Key)).Get(ResourceKey.Placement("invoice-button"))!.PortalId);
    }

    [Fact]
    public async Task Plan_AfterApply_ButtonUnchangedAndOnlyTheReadIsSent()
    {
        await using var portal = await SandboxInstall.StartAsync();
        var template = SandboxInstall.Template("body-shop");
        await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(template, SandboxInstall.Options()));
        portal.Sandbox.ResetStats();

        var again = await portal.Installer.PlanAsync(template, SandboxInstall.Options());
        var result = await portal.Installer.ApplyAsync(again);

        Assert.Equal(StepAction.Unchanged, Step(again).Action);
        Assert.Equal(0, result.Requests);
        Assert.Equal(1, portal.Sandbox.Stats.Requests);
    }

    [Fact]
    public async Task Apply_ChangedTitle_BindsTheButtonAgainWithTheNewTitle()
    {
        await using var portal = await SandboxInstall.StartAsync();
        var template = SandboxInstall.Template("body-shop");
        await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(template, SandboxInstall.Options()));
        var renamed = template with { Placements = [template.Placements[0] with { Title = LocalizedText.Of("Счёт клиенту", "Invoice the client") }] };

        var plan = await portal.Installer.PlanAsync(renamed, SandboxInstall.Options());
        var result = await portal.Installer.ApplyAsync(plan);
        var bound = Assert.Single(await portal.Client.Placements.GetAsync());

        Assert.Equal(StepAction.Update, Step(plan).Action);
        Assert.Contains(Step(plan).Changes, c => c.Property == "title.ru" && c.From == "Выставить счет" && c.To == "Счёт клиенту");
        Assert.Equal((1, "Счёт клиенту", "Invoice the client"), (result.Updated, bound.Title, bound.LangAll["en"].Title));
    }

    [Fact]
    public async Task Apply_HandlerBaseMoved_UnbindsTheOldHandlerAndBindsTheNewOne()
    {
        await using var portal = await SandboxInstall.StartAsync();
        var template = SandboxInstall.Template("body-shop");
        await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(template, SandboxInstall.Options()));

        var plan = await portal.Installer.PlanAsync(template, SandboxInstall.Options() with { HandlerBase = new Uri("https://moved.example.com/") });
        await portal.Installer.ApplyAsync(plan);
        var bound = Assert.Single(await portal.Client.Placements.GetAsync());

        Assert.Equal(StepAction.Update, Step(plan).Action);
        Assert.Equal("https://moved.example.com/api/app/placements/invoice-button", bound.Handler);
    }

    [Fact]
    public async Task Uninstall_UnbindsTheButton()
    {
        await using var portal = await SandboxInstall.StartAsync();
        var template = SandboxInstall.Template("body-shop");
        await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(template, SandboxInstall.Options()));

        await portal.Installer.UninstallAsync(template.Key);

        Assert.Empty(await portal.Client.Placements.GetAsync());
    }

    [Fact]
    public async Task Apply_ButtonLeftTheTemplate_UnbindsItWithoutAllowDestroy()
    {
        await using var portal = await SandboxInstall.StartAsync();
        var template = SandboxInstall.Template("body-shop");
        await portal.Installer.ApplyAsync(await portal.Installer.PlanAsync(template, SandboxInstall.Options()));

        var plan = await portal.Installer.PlanAsync(template with { Placements = [] }, SandboxInstall.Options());
        await portal.Installer.ApplyAsync(plan);

        Assert.Contains(plan.Steps, s => s is RemovalStep { Kind: ResourceKind.Placement, Action: StepAction.Delete });
        Assert.Empty(await portal.Client.Placements.GetAsync());
    }

    [Fact]
    public async Task Plan_OnAPlanBelowStandard_LeavesTheButtonOut()
    {
        await using var portal = await SandboxInstall.StartAsync(plan: "basic");

        var plan = await portal.Installer.PlanAsync(SandboxInstall.Template("body-shop"), SandboxInstall.Options());

        var step = Assert.Single(plan.Steps, s => s.Key == ResourceKey.Placement("invoice-button"));
        Assert.Equal(StepAction.Skipped, step.Action);
        Assert.Contains("standard", step.Note, StringComparison.Ordinal);
    }

    private static PlacementStep Step(ProvisioningPlan plan) => plan.Steps.OfType<PlacementStep>().Single();
}
