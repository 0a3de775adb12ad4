using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Services.Crm;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Cli.Tests;

/// <summary>The installed program as a separate process: killed in the middle of an apply, and the sandbox command.</summary>
public sealed class ProgramProcessTests : IDisposable
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "crm-connector.dll");
    private readonly string _dir = Directory.CreateTempSubdirectory("crmc-process-").FullName;

    /// <summary>
    /// The CLI reads the portal in request 1 and writes in requests 2 and 3 (batches). It is killed (SIGKILL, no chance to clean up)
    /// while request <paramref name="killDuringBatch"/> waits out the portal's latency, so that batch never runs.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Apply_KilledMidway_NextApplyFinishesWithoutDuplicates(int killDuringBatch)
    {
        await using var portal = await Bitrix24Sandbox.StartAsync();
        var state = Path.Combine(_dir, "state.json");
        portal.Faults.Latency = TimeSpan.FromSeconds(2);

        using (var apply = ChildProcess.Start(DotNet.Host, [Program, "apply", "-t", "driving-school", "-p", portal.WebhookUrl.AbsoluteUri, "--state", state, "--yes"]))
        {
            await WaitUntilAsync(() => portal.Stats.Requests >= killDuringBatch || apply.HasExited, TimeSpan.FromMinutes(1));
            Assert.False(apply.HasExited, apply.Output);
            apply.Dispose();
        }

        portal.Faults.Latency = TimeSpan.Zero;
        using var client = Bitrix24Client.ForWebhook(portal.WebhookUrl);
        var before = await client.Crm.Categories.ListAsync(CategoryService.DealEntityTypeId);
        var resumed = await CliRun.Of("apply", "-t", "driving-school", "-p", portal.WebhookUrl.AbsoluteUri, "--state", state, "--yes");
        var plan = await CliRun.Of("plan", "-t", "driving-school", "-p", portal.WebhookUrl.AbsoluteUri, "--state", state, "--detailed-exitcode");

        Assert.True(File.Exists(state), "the killed run left no ledger");
        Assert.True(resumed.ExitCode == 0, resumed.Out + resumed.Error);
        Assert.True(plan.ExitCode == 0, plan.Out);
        Assert.Equal(killDuringBatch == 2 ? 1 : 4, before.Count);
        var pipelines = await client.Crm.Categories.ListAsync(CategoryService.DealEntityTypeId);
        Assert.Equal(4, pipelines.Count);
        Assert.Equal(pipelines.Count, pipelines.Select(p => p.Name).Distinct().Count());
        var fields = await client.Crm.Deals.UserFields.ListAsync();
        Assert.Equal(fields.Count, fields.Select(f => f.FieldName).Distinct().Count());
    }

    [Fact]
    public async Task Sandbox_Json_PrintsAWorkingWebhookAndStopsCleanlyOnSigterm()
    {
        using var sandbox = ChildProcess.Start(DotNet.Host, [Program, "sandbox", "--json", "--plan", "basic"]);
        JObject? described = null;
        await WaitUntilAsync(() => TryParse(sandbox.Output, out described) || sandbox.HasExited, TimeSpan.FromMinutes(1));
        Assert.NotNull(described);

        var plan = await CliRun.Of("plan", "-t", "driving-school", "-p", described.Value<string>("webhookUrl")!, "--state", Path.Combine(_dir, "s.json"), "--plan", "basic", "--json");
        sandbox.Terminate();
        var exitCode = await sandbox.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("basic", described.Value<string>("plan"));
        Assert.True(plan.ExitCode == 0, plan.Error);
        Assert.Equal("basic", JObject.Parse(plan.Out).SelectToken("plan.name")!.Value<string>());
        Assert.Equal(0, exitCode);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static bool TryParse(string output, out JObject? value)
    {
        value = null;
        var start = output.IndexOf('{', StringComparison.Ordinal);
        var end = output.LastIndexOf('}');
        if (start < 0 || end < start)
        {
            return false;
        }

        try
        {
            value = JObject.Parse(output[start..(end + 1)]);
            return true;
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (!condition())
        {
            await Task.Delay(50, cancellation.Token);
        }
    }
}
