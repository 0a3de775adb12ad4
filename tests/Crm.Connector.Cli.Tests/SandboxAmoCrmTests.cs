using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Cli.Tests;

/// <summary>
/// <c>crm-connector sandbox --crm amocrm</c>, run in-process: an amoCRM account on loopback that prints how to reach
/// it, plays the consent redirect (amocrm-api.md §2.3) and the "access revoked" hook (§2.7) when asked, and keeps
/// running until cancelled (Ctrl+C).
/// </summary>
public sealed class SandboxAmoCrmTests
{
    [Fact]
    public async Task AmoCrm_Json_PrintsAWorkingLongLivedTokenAndTheIntegration()
    {
        await using var cli = RunningCli.Start("sandbox", "--crm", "amocrm", "--client-id", "integration-1", "--client-secret", "secret-1", "--json");

        var described = await cli.WaitForJsonAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(described.Value<string>("baseUrl")!), "api/v4/account"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", described.Value<string>("longLivedToken"));
        using var account = await http.SendAsync(request);
        var body = JObject.Parse(await account.Content.ReadAsStringAsync());

        Assert.Equal(("amocrm", "integration-1", "secret-1"), (described.Value<string>("crm"), described.Value<string>("clientId"), described.Value<string>("clientSecret")));
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Equal(described.Value<long>("accountId"), body.Value<long>("id"));
        Assert.NotNull(described.Value<string>("stats"));
        Assert.False(cli.HasExited);
        Assert.Equal(0, await cli.StopAsync());
    }

    [Fact]
    public async Task AmoCrm_InstallAndUninstall_TheAppGetsTheRedirectAndTheSignedHook()
    {
        await using var app = await HookReceiver.StartAsync();
        var install = new Uri(app.Url, "api/amocrm/install");
        var uninstall = new Uri(app.Url, "api/amocrm/uninstall");
        await using var cli = RunningCli.Start("sandbox", "--crm", "amocrm", "--install-app", install.AbsoluteUri, "--uninstall-app", uninstall.AbsoluteUri, "--json");

        var described = await cli.WaitForJsonAsync();

        Assert.True(described["install"]!.Value<bool>("succeeded"));
        Assert.True(described["uninstall"]!.Value<bool>("succeeded"));
        Assert.Equal(["/api/amocrm/install", "/api/amocrm/uninstall"], app.Received.Select(r => r.Path));
        Assert.All(app.Received, r => Assert.Equal("GET", r.Method));
        Assert.Equal("", cli.Error);
        Assert.Equal(0, await cli.StopAsync());
    }

    [Fact]
    public async Task AmoCrm_Text_PrintsTheAccountAndTheInspectionUrls()
    {
        var port = FreePort.Next();
        await using var cli = RunningCli.Start("sandbox", "--crm", "amocrm", "--port", port.ToString(CultureInfo.InvariantCulture));

        await cli.WaitForOutputAsync(text => text.Contains("_sandbox/state", StringComparison.Ordinal));

        Assert.Contains("amoCRM sandbox account", cli.Out, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{port}/", cli.Out, StringComparison.Ordinal);
        Assert.Contains("Long-lived token", cli.Out, StringComparison.Ordinal);
        Assert.Equal(0, await cli.StopAsync());
    }

    [Fact]
    public async Task AmoCrm_AppDown_WarnsOnOneLineAndKeepsRunning()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}/api/amocrm/install";
        await using var cli = RunningCli.Start("sandbox", "--crm", "amocrm", "--install-app", url, "--json");

        var described = await cli.WaitForJsonAsync();
        var warning = Assert.Single(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        Assert.False(described["install"]!.Value<bool>("succeeded"));
        Assert.Contains("no answer", warning, StringComparison.Ordinal);
        Assert.False(cli.HasExited);
        Assert.Equal(0, await cli.StopAsync());
    }

    [Theory]
    [InlineData("--crm", "amocrm", "--member-id", "m1")]
    [InlineData("--crm", "amocrm", "--install-app", "ftp://x/install")]
    [InlineData("--crm", "bitrix24", "--uninstall-app", "http://127.0.0.1/x")]
    public async Task Sandbox_OptionThatDoesNotApply_FailsAtOnceNamingIt(string crmOption, string crm, string option, string value)
    {
        var run = await CliRun.Of("sandbox", crmOption, crm, option, value);

        Assert.Equal(CliApp.Failed, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }
}
