using System.Globalization;
using Crm.Connector.Bitrix24.Services.Crm;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Storage.Inbox;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.EndToEnd;

/// <summary>
/// Install → template provisioned → a deal changed in the portal → the event delivered to the local host → processed →
/// the result in the portal; plus the delivery guarantees around it.
/// </summary>
public sealed class EventFlowTests
{
    private static readonly string[] Scores = ["TEST_KOAP", "TEST_SAFETY", "TEST_VEHICLE", "TEST_FIRST_AID", "TEST_RULES"];

    [Fact]
    public async Task Install_ThenDealScoresChangedInThePortal_AdmissionIsComputedAndWrittenBack()
    {
        await using var harness = await AppHarness.StartAsync();
        var install = await harness.InstallAsync();
        var pipeline = await PipelineIdAsync(harness, "Новый клиент");

        var id = await AddDealAsync(harness, pipeline, 90, 90, 90, 90, 90);
        await WaitForAdmissionAsync(harness, id, true);
        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["UF_CRM_TEST_RULES"] = 10 } });
        await WaitForAdmissionAsync(harness, id, false);

        var callback = JObject.Parse(install.Post(SandboxInstallPost.Callback)!.Body);
        Assert.True(callback.Value<bool>("provisioned"), callback.ToString());
        Assert.Contains(harness.Sandbox.State()["robots"]!, r => r.Value<string>("CODE") == "crmc.admission_scoring");

        // The audit row follows the portal write: wait for it rather than count when the portal shows the value.
        await harness.WaitUntilAsync(async () => (await harness.Store.Audit.ListAsync(harness.MemberId, "deal", id)).Count(a => a.Action == "setFields") >= 2, "the second write to be audited");
        await harness.WaitUntilAsync(async () => (await harness.Store.Inbox.CountAsync(harness.MemberId)).GetValueOrDefault(InboxStatus.Pending) == 0, "the portal's echoes to be processed");
        var audit = await harness.Store.Audit.ListAsync(harness.MemberId, "deal", id);
        Assert.Equal(2, audit.Count(a => a.Action == "setFields"));
        Assert.All(audit.Where(a => a.Action == "setFields"), a => Assert.StartsWith("admission-scoring:", a.Cause, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameEventDeliveredThreeTimes_IsAcceptedOnceAndActedOnOnce()
    {
        // The worker waits 3 s before a drain, so the three copies all arrive while the first is still waiting — on a
        // busy machine too. (A copy arriving after the first was done would open the key again, by design: Bitrix24
        // stamps events in whole seconds, so it could be a real change.)
        await using var harness = await AppHarness.StartAsync(settings: new Dictionary<string, string> { ["Worker__Coalesce"] = "00:00:03" });
        await harness.InstallAsync();
        var id = await AddDealAsync(harness, await PipelineIdAsync(harness, "Новый клиент"), 90, 90, 90, 90, 90);
        await WaitForAdmissionAsync(harness, id, true);

        // The echo of the app's own first write starts a drain; let it finish its last coalescing wait and end, so the
        // three copies meet a fresh drain's full wait rather than the tail of that one's (CI once split them across it),
        // and so the echo cannot be what reads the change below.
        await harness.Sandbox.WaitForEventsAsync();
        await harness.WaitUntilAsync(async () => (await harness.Store.Inbox.CountAsync(harness.MemberId)).GetValueOrDefault(InboxStatus.Pending) == 0, "the echo of the first write to be processed");
        await Task.Delay(TimeSpan.FromSeconds(4));
        await UnbindAppEventsAsync(harness);
        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["UF_CRM_TEST_RULES"] = 5 } });
        harness.Sandbox.ResetStats();

        // Delivered three times at once (a retrying proxy, say): one is work, two are duplicates of it.
        var posts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => harness.PostFormAsync("api/bitrix24/events", harness.EventForm("ONCRMDEALUPDATE", id, 1_900_000_000))));
        Assert.All(posts, p => Assert.Equal(200, p.Status));

        await WaitForAdmissionAsync(harness, id, false);
        await Task.Delay(500);

        Assert.Equal(2, posts.Count(p => JObject.Parse(p.Body).Value<bool>("duplicate")));
        Assert.Equal(1, harness.Sandbox.Stats.Methods.GetValueOrDefault("crm.deal.update"));
        Assert.Single(await harness.Store.Audit.ListAsync(harness.MemberId, "deal", id), a => a.Action == "setFields" && a.Cause.Contains("< 425", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppKilledWithEventsAcceptedButNotProcessed_AfterRestartEachIsProcessedExactlyOnce()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var pipeline = await PipelineIdAsync(harness, "Новый клиент");

        // A slow portal: the worker is still reading the deals when the app is killed.
        harness.Sandbox.Faults.Latency = TimeSpan.FromSeconds(2);
        var ids = await AddDealsAsync(harness, pipeline, 10);
        await harness.Sandbox.WaitForEventsAsync();
        var acknowledged = harness.Sandbox.Stats.EventsDelivered;
        var pendingAtKill = (await harness.Store.Inbox.CountAsync(harness.MemberId)).GetValueOrDefault(InboxStatus.Pending);
        harness.KillApp();
        harness.Sandbox.Faults.Latency = TimeSpan.Zero;
        harness.Sandbox.ResetStats();
        await harness.StartAppAsync();

        foreach (var id in ids)
        {
            await WaitForAdmissionAsync(harness, id, true);
        }

        // The deals are written first and the inbox entries marked done after, so wait for the marks as well.
        await harness.WaitUntilAsync(
            async () => (await harness.Store.Inbox.CountAsync(harness.MemberId)).GetValueOrDefault(InboxStatus.Pending) == 0,
            "the inbox to drain");
        var counts = await harness.Store.Inbox.CountAsync(harness.MemberId);
        Assert.True(acknowledged >= 10, $"{acknowledged} events acknowledged before the kill");
        Assert.True(pendingAtKill > 0, "the work was already done before the kill; nothing was tested");
        Assert.Equal(0, counts.GetValueOrDefault(InboxStatus.Pending));
        Assert.Equal(0, counts.GetValueOrDefault(InboxStatus.Failed));
        Assert.Equal(10, harness.Sandbox.Stats.Methods.GetValueOrDefault("crm.deal.update"));
        foreach (var id in ids)
        {
            Assert.Single(await harness.Store.Audit.ListAsync(harness.MemberId, "deal", id), a => a.Action == "setFields");
        }
    }

    [Fact]
    public async Task AccessTokenExpired_FiftyEventsAtOnce_OneRefreshAndAllProcessed()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var pipeline = await PipelineIdAsync(harness, "Новый клиент");
        harness.Sandbox.ExpireAccessTokens();
        harness.Sandbox.ResetStats();

        var ids = await AddDealsAsync(harness, pipeline, 50);
        foreach (var id in ids)
        {
            await WaitForAdmissionAsync(harness, id, true);
        }

        Assert.Equal(1, harness.Sandbox.Stats.Refreshes);
        Assert.Equal(0, harness.Sandbox.Stats.RefreshFailures);
    }

    [Fact]
    public async Task RobotCalledFromTheWorkflow_AnswersWithTheProcessResult()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var id = await AddDealAsync(harness, await PipelineIdAsync(harness, "Новый клиент"), 100, 100, 100, 100, 30);

        var token = await harness.Sandbox.RunRobotAsync("crmc.admission_scoring", $"DEAL_{id}");
        await harness.WaitUntilAsync(() => Task.FromResult(harness.Sandbox.RobotCall(token)?.Answered == true), "the robot's answer");

        var call = harness.Sandbox.RobotCall(token)!;
        Assert.Equal("Y", call.ReturnValues!.Value<string>("admitted"));
        Assert.Equal(430m, call.ReturnValues!.Value<decimal>("total"));
    }

    internal static async Task<int> PipelineIdAsync(AppHarness harness, string name) =>
        (await harness.Portal.Crm.Categories.ListAsync(CategoryService.DealEntityTypeId)).Single(c => c.Name == name).Id;

    internal static async Task<long> AddDealAsync(AppHarness harness, int pipeline, params int[] scores)
    {
        var fields = new JObject { ["TITLE"] = "Ученик", ["CATEGORY_ID"] = pipeline };
        for (var i = 0; i < Scores.Length; i++)
        {
            fields["UF_CRM_" + Scores[i]] = scores[i];
        }

        var response = await harness.Portal.CallAsync("crm.deal.add", new JObject { ["fields"] = fields });
        return response.Result!.Value<long>();
    }

    internal static async Task<IReadOnlyList<long>> AddDealsAsync(AppHarness harness, int pipeline, int count)
    {
        var commands = Enumerable.Range(0, count).Select(i =>
        {
            var fields = new JObject { ["TITLE"] = $"Ученик {i}", ["CATEGORY_ID"] = pipeline };
            foreach (var score in Scores)
            {
                fields["UF_CRM_" + score] = 90;
            }

            return new Crm.Connector.Bitrix24.Batch.BatchCommand($"d{i}", "crm.deal.add", new JObject { ["fields"] = fields });
        }).ToList();
        var result = (await harness.Portal.BatchAsync(commands)).EnsureSuccess();
        return [.. result.Commands.Select(c => c.Result!.Value<long>())];
    }

    internal static Task WaitForAdmissionAsync(AppHarness harness, long id, bool admitted) =>
        harness.WaitUntilAsync(
            async () =>
            {
                var deal = (await harness.Portal.CallAsync("crm.deal.get", new JObject { ["id"] = id })).Result!;
                var value = deal["UF_CRM_TEST_ADMISSION"]?.ToString();
                return admitted ? value is "1" or "Y" or "True" or "true" : value is "0" or "N" or "False" or "false";
            },
            $"deal {id.ToString(CultureInfo.InvariantCulture)} to be {(admitted ? "admitted" : "not admitted")}");

    /// <summary>Takes the app's event handlers off the portal (as the app itself would), so only the test's posts reach it.</summary>
    private static async Task UnbindAppEventsAsync(AppHarness harness)
    {
        var (app, _) = await Crm.Connector.Testing.SandboxInstallation.InstallAsync(harness.Sandbox, new Crm.Connector.Bitrix24.Bitrix24ClientOptions());
        using (app)
        {
            var handler = new Uri(harness.AppUrl, "api/bitrix24/events").AbsoluteUri;
            foreach (var name in new[] { "ONCRMDEALADD", "ONCRMDEALUPDATE", "ONCRMDEALMOVETOCATEGORY", "ONCRMDEALDELETE" })
            {
                await app.CallAsync("event.unbind", new JObject { ["event"] = name, ["handler"] = handler });
            }
        }
    }
}
