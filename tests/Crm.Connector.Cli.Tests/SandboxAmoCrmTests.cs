using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
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

    /// <summary>The command line running in-process until stopped, its output readable while it runs.</summary>
    private sealed class RunningCli : IAsyncDisposable
    {
        private readonly SharedWriter _out = new();
        private readonly SharedWriter _error = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<int> _run;

        private RunningCli(string[] args) => _run = Task.Run(() => CliApp.RunAsync(args, _out, _error, _stop.Token));

        public string Out => _out.Text;

        public string Error => _error.Text;

        public bool HasExited => _run.IsCompleted;

        public static RunningCli Start(params string[] args) => new(args);

        public async Task WaitForOutputAsync(Func<string, bool> condition)
        {
            var clock = Stopwatch.StartNew();
            while (!condition(Out))
            {
                Assert.False(HasExited, $"the command ended: {Out}{Error}");
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"timed out; output: {Out}{Error}");
                await Task.Delay(20);
            }
        }

        public async Task<JObject> WaitForJsonAsync()
        {
            JObject? parsed = null;
            await WaitForOutputAsync(text =>
            {
                try
                {
                    parsed = text.TrimStart().StartsWith('{') ? JObject.Parse(text) : null;
                }
                catch (Newtonsoft.Json.JsonReaderException)
                {
                    parsed = null;
                }

                return parsed is not null;
            });
            return parsed!;
        }

        /// <summary>Ctrl+C: cancels and returns the exit code.</summary>
        public async Task<int> StopAsync()
        {
            await _stop.CancelAsync();
            return await _run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        public async ValueTask DisposeAsync()
        {
            if (!_run.IsCompleted)
            {
                await StopAsync();
            }

            _stop.Dispose();
            _out.Dispose();
            _error.Dispose();
        }
    }

    /// <summary>A writer the command writes to while the test reads it.</summary>
    private sealed class SharedWriter : TextWriter
    {
        private readonly Lock _gate = new();
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_gate)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                _text.Append(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_gate)
            {
                _text.Append(buffer, index, count);
            }
        }
    }
}
