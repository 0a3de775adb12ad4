using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Services.Crm;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Templates.Loading;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Cli.Tests;

/// <summary>plan / apply / uninstall / export as a user runs them: against <c>--portal sandbox</c> or a sandbox's webhook URL.</summary>
public sealed class ProvisioningCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crmc-provision-").FullName;
    private Bitrix24Sandbox _portal = null!;

    private string Webhook => _portal.WebhookUrl.AbsoluteUri;

    private string State => Path.Combine(_dir, "state.json");

    public async Task InitializeAsync() => _portal = await Bitrix24Sandbox.StartAsync();

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Plan_SandboxWithDetailedExitCode_ExitsTwoAndPrintsTheStepsAsJson()
    {
        var run = await CliRun.Of("plan", "-t", "driving-school", "-p", "sandbox", "--json", "--detailed-exitcode");

        Assert.True(run.ExitCode == 2, run.Error);
        var plan = JObject.Parse(run.Out);
        Assert.True(plan.Value<bool>("hasChanges"));
        Assert.Equal("professional", plan.SelectToken("plan.name")!.Value<string>());
        Assert.Equal(1, plan.Value<int>("requests"));
        Assert.Contains(plan["steps"]!, s => s.Value<string>("key") == "pipeline/new-client" && s.Value<string>("action") == "create");
        Assert.Contains(plan["steps"]!, s => s.Value<string>("kind") == "robot" && s.Value<string>("action") == "create");
        Assert.True(plan.SelectToken("summary.runByApp")!.Value<int>() > 0);
    }

    [Fact]
    public async Task Apply_SandboxWithYes_InstallsInAFewRequestsAndSaysSo()
    {
        var run = await CliRun.Of("apply", "-t", "driving-school", "-p", "sandbox", "--yes", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var result = JObject.Parse(run.Out);
        Assert.True(result.Value<int>("created") > 50, run.Out);
        Assert.Empty(result["failures"]!);
        Assert.InRange(result.Value<int>("requests"), 1, 5);
    }

    [Fact]
    public async Task Apply_WebhookTwice_SecondRunChangesNothingAndPlanExitsZero()
    {
        var first = await CliRun.Of("apply", "-t", "driving-school", "-p", Webhook, "--state", State, "--yes");
        _portal.ResetStats();
        var second = await CliRun.Of("apply", "-t", "driving-school", "-p", Webhook, "--state", State, "--yes", "--json");
        var plan = await CliRun.Of("plan", "-t", "driving-school", "-p", Webhook, "--state", State, "--detailed-exitcode");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Applied", first.Out, StringComparison.Ordinal);
        Assert.Contains("HTTP request(s)", first.Out, StringComparison.Ordinal);
        Assert.Contains("a webhook cannot register them", first.Out, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.False(JObject.Parse(second.Out).Value<bool>("applied"));
        Assert.True(plan.ExitCode == 0, plan.Out + plan.Error);
        Assert.Equal(0, _portal.Stats.Methods.Where(m => m.Key.EndsWith(".add", StringComparison.Ordinal) || m.Key.EndsWith(".update", StringComparison.Ordinal)).Sum(m => m.Value));
    }

    [Fact]
    public async Task Apply_WithoutYesWhenNobodyCanBeAsked_ChangesNothing()
    {
        var run = await CliRun.Of("apply", "-t", "body-shop", "-p", Webhook, "--state", State);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Nothing was changed", run.Error, StringComparison.Ordinal);
        Assert.Contains("--yes", run.Error, StringComparison.Ordinal);
        Assert.Single(await PipelinesAsync());
    }

    [Fact]
    public async Task Uninstall_AfterApply_RemovesWhatWasCreated()
    {
        var apply = await CliRun.Of("apply", "-t", "body-shop", "-p", Webhook, "--state", State, "--yes");
        var uninstall = await CliRun.Of("uninstall", "-t", "body-shop", "-p", Webhook, "--state", State, "--yes", "--json");

        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.True(uninstall.ExitCode == 0, uninstall.Error);
        Assert.NotEmpty(JObject.Parse(uninstall.Out)["removed"]!);
        Assert.Single(await PipelinesAsync());
    }

    [Fact]
    public async Task Export_AfterApply_IsAValidTemplateWithThePipelines()
    {
        await CliRun.Of("apply", "-t", "auto-dealer", "-p", Webhook, "--state", State, "--yes");

        var run = await CliRun.Of("export", "-p", Webhook, "--key", "my-dealer");

        Assert.True(run.ExitCode == 0, run.Error);
        var loaded = TemplateLoader.LoadText(run.Out, "export.json");
        Assert.True(loaded.IsValid, string.Join('\n', loaded.Errors));
        Assert.Equal("my-dealer", loaded.Template!.Key);
        Assert.Contains(loaded.Template.Pipelines, p => p.Name.Get() == "Ремонт авто");
    }

    [Fact]
    public async Task Plan_UnknownTemplate_NamesTheBuiltIns()
    {
        var run = await CliRun.Of("plan", "-t", "driving-shcool", "-p", "sandbox");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'driving-shcool' is neither a template file nor a built-in template name", run.Error, StringComparison.Ordinal);
        Assert.Contains("driving-school (bitrix24)", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("portal.bitrix24.ru/rest/1/abc/", "is not an http(s) URL")]
    [InlineData("https://portal.bitrix24.ru/crm/deal/", "its path must be /rest/<user id>/<secret>/")]
    public async Task Plan_PortalThatIsNotAWebhookUrl_SaysWhatOneLooksLike(string portal, string expected)
    {
        var run = await CliRun.Of("plan", "-t", "driving-school", "-p", portal);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Contains("--portal sandbox", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_WebhookWithoutCrmScope_SaysWhichPermissionToTick()
    {
        await using var portal = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { WebhookScopes = "user" });

        var run = await CliRun.Of("apply", "-t", "driving-school", "-p", portal.WebhookUrl.AbsoluteUri, "--state", State, "--yes");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The webhook lacks a permission", run.Error, StringComparison.Ordinal);
        Assert.Contains("tick CRM (crm)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(portal.WebhookUrl.Segments[^1].TrimEnd('/'), run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_PortalAnsweringErrors_ExitsOneAndTheNextRunFinishes()
    {
        _portal.Faults.ErrorRate = 1;
        var failed = await CliRun.Of("apply", "-t", "body-shop", "-p", Webhook, "--state", State, "--yes");
        _portal.Faults.ErrorRate = 0;
        var resumed = await CliRun.Of("apply", "-t", "body-shop", "-p", Webhook, "--state", State, "--yes");

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("error:", failed.Error, StringComparison.Ordinal);
        Assert.Single(failed.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("error:", StringComparison.Ordinal));
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(2, (await PipelinesAsync()).Count);
    }

    [Fact]
    public async Task Plan_UnknownPlanName_ListsThePlans()
    {
        var run = await CliRun.Of("plan", "-t", "driving-school", "-p", Webhook, "--plan", "gold");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--plan 'gold' is not a bitrix24 plan", run.Error, StringComparison.Ordinal);
        Assert.Contains("standard", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_BrokenStateFile_IsReportedWithItsPathAndNothingIsWritten()
    {
        await File.WriteAllTextAsync(State, "{ not json");

        var run = await CliRun.Of("apply", "-t", "driving-school", "-p", Webhook, "--state", State, "--yes");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(State, run.Error, StringComparison.Ordinal);
        Assert.Equal("{ not json", await File.ReadAllTextAsync(State));
        Assert.Single(await PipelinesAsync());
    }

    private async Task<IReadOnlyList<Bitrix24.Models.Category>> PipelinesAsync()
    {
        using var client = Bitrix24Client.ForWebhook(_portal.WebhookUrl);
        return await client.Crm.Categories.ListAsync(CategoryService.DealEntityTypeId);
    }
}
