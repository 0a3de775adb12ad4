using Crm.Connector.Sandbox.AmoCrm;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Cli.Tests;

/// <summary>plan / apply / export on amoCRM as a partner runs them: <c>--portal sandbox --crm amocrm</c>, or an account address with a token.</summary>
public sealed class AmoCrmProvisioningCommandTests
{
    [Fact]
    public async Task Apply_AmoCrmSandbox_InstallsOnlineSchoolInAtMostTwelveRequests()
    {
        var run = await CliRun.Of("apply", "-t", "online-school", "-p", "sandbox", "--crm", "amocrm", "--yes", "--json");

        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        var result = JObject.Parse(run.Out);
        Assert.Empty(result["failures"]!);
        Assert.Empty(result["conflicts"]!);
        Assert.True(result.Value<int>("created") > 60, run.Out);
        Assert.InRange(result.Value<int>("requests"), 1, 12);
    }

    [Fact]
    public async Task Plan_AmoCrmTemplateAgainstABitrix24Portal_SaysTheCrmsDifferAndTouchesNothing()
    {
        var run = await CliRun.Of("plan", "-t", "online-school", "-p", "sandbox", "--crm", "bitrix24");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is for amocrm, but the portal is bitrix24", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_AmoCrmAccountWithoutAToken_SaysWhereToGetOne()
    {
        var saved = Environment.GetEnvironmentVariable("CRM_CONNECTOR_AMOCRM_TOKEN");
        Environment.SetEnvironmentVariable("CRM_CONNECTOR_AMOCRM_TOKEN", null);
        try
        {
            var run = await CliRun.Of("plan", "-t", "online-school", "-p", "https://school.amocrm.ru");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("--token", run.Error, StringComparison.Ordinal);
            Assert.Contains("long-lived token", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CRM_CONNECTOR_AMOCRM_TOKEN", saved);
        }
    }

    [Fact]
    public async Task Export_AmoCrmSandbox_IsAValidAmoCrmTemplate()
    {
        var run = await CliRun.Of("export", "-p", "sandbox", "--crm", "amocrm", "--key", "fresh-account");

        Assert.True(run.ExitCode == 0, run.Error);
        var loaded = Templates.Loading.TemplateLoader.LoadText(run.Out, "export.json");
        Assert.True(loaded.IsValid, string.Join('\n', loaded.Errors));
        Assert.Equal(Templates.Model.CrmKind.AmoCrm, loaded.Template!.Crm);
        Assert.Contains(loaded.Template.Pipelines, p => p.Name.Get() == "Воронка");
    }

    [Fact]
    public async Task Apply_AccountAddressWithAToken_TwiceChangesNothingTheSecondTime_AndUninstallRemovesIt()
    {
        await using var sandbox = await AmoCrmSandbox.StartAsync(new AmoCrmSandboxOptions());
        var dir = Directory.CreateTempSubdirectory("crmc-amo-").FullName;
        try
        {
            var state = Path.Combine(dir, "state.json");
            var token = sandbox.IssueLongLivedToken(TimeSpan.FromDays(1));
            var portal = sandbox.BaseUrl.AbsoluteUri;

            var first = await CliRun.Of("apply", "-t", "online-school", "-p", portal, "--token", token, "--state", state, "--yes", "--json");
            sandbox.Stats.Reset();
            var second = await CliRun.Of("apply", "-t", "online-school", "-p", portal, "--token", token, "--state", state, "--yes", "--json");
            var writesOnSecond = sandbox.Stats.Writes;
            var uninstall = await CliRun.Of("uninstall", "-t", "online-school", "-p", portal, "--token", token, "--state", state, "--yes", "--json");

            Assert.True(first.ExitCode == 0, first.Error + first.Out);
            Assert.DoesNotContain(token, first.Out + first.Error, StringComparison.Ordinal);
            Assert.True(second.ExitCode == 0, second.Error);
            Assert.False(JObject.Parse(second.Out).Value<bool>("applied"));
            Assert.Equal(0, writesOnSecond);
            Assert.True(uninstall.ExitCode == 0, uninstall.Error + uninstall.Out);
            Assert.True(JObject.Parse(uninstall.Out)["removed"]!.Count() > 10, uninstall.Out);
            var pipelines = (JArray)sandbox.State()["pipelines"]!;
            Assert.Equal(["Воронка"], pipelines.Select(p => (string?)p["name"]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Plan_PlainHttpAccountAddressThatIsNotThisMachine_IsRefusedBeforeTheTokenIsSent()
    {
        var run = await CliRun.Of("plan", "-t", "online-school", "-p", "http://school.amocrm.ru", "--token", "secret-token");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not an https address", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", run.Error, StringComparison.Ordinal);
    }
}
