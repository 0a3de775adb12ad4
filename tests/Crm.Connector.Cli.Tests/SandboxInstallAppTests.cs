using Crm.Connector.Testing;

namespace Crm.Connector.Cli.Tests;

/// <summary>
/// <c>crm-connector sandbox --install-app URL</c>, run in-process: the portal installs the app at that URL as the
/// marketplace does (bitrix24-rest.md §1.2 installation callback, then §1.3 ONAPPINSTALL), reports each answer and
/// keeps running until cancelled (Ctrl+C), whatever the app answered.
/// </summary>
public sealed class SandboxInstallAppTests
{
    [Fact]
    public async Task InstallApp_Json_IncludesBothPostsAndTheAppGotThemInOrder() // §1.2, §1.3
    {
        await using var app = await HookReceiver.StartAsync();
        var url = new Uri(app.Url, "api/bitrix24/install");
        await using var cli = RunningCli.Start("sandbox", "--install-app", url.AbsoluteUri, "--json");

        var described = await cli.WaitForJsonAsync();
        var install = described["install"]!;

        Assert.Equal(url.AbsoluteUri, install.Value<string>("url"));
        Assert.True(install.Value<bool>("succeeded"));
        Assert.Equal(["callback", "ONAPPINSTALL"], install["posts"]!.Select(p => p.Value<string>("name")));
        Assert.All(install["posts"]!, p => Assert.Equal(200, p.Value<int>("status")));
        Assert.Equal(2, app.Received.Count);
        Assert.Equal(described.Value<string>("memberId"), app.Received[0]["member_id"]);
        Assert.Equal(("ONAPPINSTALL", described.Value<string>("memberId")), (app.Received[1]["event"], app.Received[1]["auth[member_id]"]));
        Assert.NotNull(described.Value<string>("clientSecret"));
        Assert.NotNull(described.Value<string>("tokenEndpoint"));
        Assert.False(cli.HasExited);
        Assert.Equal(0, await cli.StopAsync());
    }

    [Fact]
    public async Task InstallApp_Text_PrintsEachOutcomeAndTheOAuthSettings()
    {
        await using var app = await HookReceiver.StartAsync();
        var url = new Uri(app.Url, "api/bitrix24/install");
        await using var cli = RunningCli.Start("sandbox", "--install-app", url.AbsoluteUri);

        await cli.WaitForOutputAsync(text => text.Contains("ONAPPINSTALL →", StringComparison.Ordinal));

        Assert.Contains("OAuth client secret", cli.Out, StringComparison.Ordinal);
        Assert.Contains("Token endpoint", cli.Out, StringComparison.Ordinal);
        Assert.Contains("install callback → 200", cli.Out, StringComparison.Ordinal);
        Assert.Contains("ONAPPINSTALL → 200", cli.Out, StringComparison.Ordinal);
        Assert.Equal("", cli.Error);
        Assert.Equal(0, await cli.StopAsync());
    }

    /// <summary>
    /// The app can be configured before the sandbox starts — which --install-app needs, since it installs at once: with
    /// the credentials and member id fixed, the app gets the promised member and the tokens it receives refresh with the
    /// client id and secret it was configured with beforehand.
    /// </summary>
    [Fact]
    public async Task InstallApp_FixedCredentials_TheAppConfiguredBeforehandGetsThePromisedMemberAndItsTokensRefresh()
    {
        await using var app = await HookReceiver.StartAsync();
        var url = new Uri(app.Url, "api/bitrix24/install");
        var port = FreePort.Next();
        await using var cli = RunningCli.Start("sandbox", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--client-id", "local.crmc.1", "--client-secret", "sandbox-secret", "--member-id", "portal-1", "--install-app", url.AbsoluteUri, "--json");

        var described = await cli.WaitForJsonAsync();
        var settings = described["appSettings"]!;
        using var http = new HttpClient();
        var refreshed = await http.GetAsync(new Uri($"{described.Value<string>("tokenEndpoint")}?grant_type=refresh_token&client_id=local.crmc.1&client_secret=sandbox-secret&refresh_token={Uri.EscapeDataString(app.Received[1]["auth[refresh_token]"]!)}"));

        Assert.True(described["install"]!.Value<bool>("succeeded"));
        Assert.Equal(("local.crmc.1", "sandbox-secret", "portal-1"), (described.Value<string>("clientId"), described.Value<string>("clientSecret"), described.Value<string>("memberId")));
        Assert.Equal(("local.crmc.1", "sandbox-secret", $"127.0.0.1:{port}"), (settings.Value<string>("Bitrix24__ClientId"), settings.Value<string>("Bitrix24__ClientSecret"), settings.Value<string>("Bitrix24__PortalDomains__0")));
        Assert.Equal(("portal-1", "portal-1"), (app.Received[0]["member_id"], app.Received[1]["auth[member_id]"]));
        Assert.True(refreshed.IsSuccessStatusCode, await refreshed.Content.ReadAsStringAsync());
        Assert.Equal(0, await cli.StopAsync());
    }

    [Fact]
    public async Task Sandbox_Text_PrintsTheMemberIdAndTheSettingsTheAppNeeds()
    {
        await using var cli = RunningCli.Start("sandbox", "--member-id", "portal-2", "--client-id", "local.crmc.2");

        await cli.WaitForOutputAsync(text => text.Contains("Bitrix24__PortalDomains__0=", StringComparison.Ordinal));

        Assert.Matches(@"Member id\s+portal-2", cli.Out);
        Assert.Contains("Bitrix24__ClientId=local.crmc.2", cli.Out, StringComparison.Ordinal);
        Assert.Contains("Bitrix24__ClientSecret=", cli.Out, StringComparison.Ordinal);
        Assert.Equal(0, await cli.StopAsync());
    }

    [Theory]
    [InlineData("--client-id", "")]
    [InlineData("--member-id", "a b")]
    [InlineData("--client-secret", "x&y")]
    public async Task Sandbox_MalformedCredential_FailsAtOnceNamingTheOption(string option, string value)
    {
        var run = await CliRun.Of("sandbox", option, value);

        Assert.Equal(CliApp.Failed, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task InstallApp_Unreachable_SaysSoOnOneLineAndKeepsRunning()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}/api/bitrix24/install";
        await using var cli = RunningCli.Start("sandbox", "--install-app", url, "--json");

        var described = await cli.WaitForJsonAsync();
        var warning = Assert.Single(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        Assert.False(described["install"]!.Value<bool>("succeeded"));
        Assert.All(described["install"]!["posts"]!, p => Assert.Equal(0, p.Value<int>("status")));
        Assert.Contains(url, warning, StringComparison.Ordinal);
        Assert.Contains("no answer", warning, StringComparison.Ordinal);
        var webhook = described.Value<string>("webhookUrl")!;
        using var http = new HttpClient();
        Assert.True((await http.GetAsync(new Uri(new Uri(webhook), "profile"))).IsSuccessStatusCode, "the portal stopped");
        Assert.False(cli.HasExited);
        Assert.Equal(0, await cli.StopAsync());
    }

    [Fact]
    public async Task InstallApp_AppAnswersAnError_NamesTheStatus()
    {
        await using var app = await HookReceiver.StartAsync();
        app.StatusCode = 500;
        var url = new Uri(app.Url, "api/bitrix24/install");
        await using var cli = RunningCli.Start("sandbox", "--install-app", url.AbsoluteUri);

        await cli.WaitForOutputAsync(_ => cli.Error.Contains("warning:", StringComparison.Ordinal));

        Assert.Contains(url.AbsoluteUri, cli.Error, StringComparison.Ordinal);
        Assert.Contains("install callback: HTTP 500", cli.Error, StringComparison.Ordinal);
        Assert.Contains("install callback → 500", cli.Out, StringComparison.Ordinal);
        Assert.False(cli.HasExited);
        Assert.Equal(0, await cli.StopAsync());
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/install")]
    [InlineData("not a url")]
    [InlineData("/api/bitrix24/install")]
    public async Task InstallApp_NotAnHttpUrl_FailsAtOnceWithAClearError(string url)
    {
        var run = await CliRun.Of("sandbox", "--install-app", url);

        Assert.Equal(CliApp.Failed, run.ExitCode);
        Assert.Contains("--install-app", run.Error, StringComparison.Ordinal);
        Assert.Contains("http or https", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }
}
