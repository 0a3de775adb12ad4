using System.Net;
using Crm.Connector.Functions.Health;
using Crm.Connector.Functions.Hosting;
using Crm.Connector.Testing;

namespace Crm.Connector.Functions.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task LocalHost_Started_ServesHealthAndExitsCleanlyOnSigterm()
    {
        var port = FreePort.Next();
        using var app = await FunctionAppProcess.StartAsync(port, new Dictionary<string, string> { ["LocalHost__Url"] = $"http://127.0.0.1:{port}" });

        var health = await app.GetJsonAsync<HealthReport>("/api/health");
        app.Process.Terminate();
        var exitCode = await app.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(("ok", "local"), (health.Status, health.Mode));
        Assert.Equal("Sqlite", health.Store);
        Assert.True(health.SchemaVersion >= 1, $"schema version {health.SchemaVersion}");
        Assert.NotNull(health.InboxPending);
        Assert.Equal(0, exitCode);
        Assert.Contains("stopping (Local)", app.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomHandler_PortFromTheFunctionsHost_AnswersTheReadinessProbeOnLoopback()
    {
        var port = FreePort.Next();
        using var app = await FunctionAppProcess.StartAsync(port, new Dictionary<string, string> { [FunctionApp.CustomHandlerPortVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        using var probe = await app.Client.GetAsync(new Uri("/", UriKind.Relative));
        var answer = await app.InvokeAsync("health", FunctionAppProcess.HttpGetEnvelope("/api/health"));

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal(200, answer.SelectToken("Outputs.res.statusCode")!.ToObject<int>());
        Assert.Equal("custom-handler", FunctionAppProcess.ResBody<HealthReport>(answer).Mode);
    }

    [Fact]
    public async Task CustomHandler_PortThatIsNotANumber_FailsToStartWithTheReason()
    {
        var (exitCode, output) = await ChildProcess.RunAsync(
            DotNet.Host,
            [DotNet.BuiltAssembly("functions/Crm.Connector.Functions", "Crm.Connector.Functions")],
            TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { [FunctionApp.CustomHandlerPortVariable] = "seventy" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("FUNCTIONS_CUSTOMHANDLER_PORT must be a TCP port, not 'seventy'", output, StringComparison.Ordinal);
    }
}
