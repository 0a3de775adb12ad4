using System.Globalization;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Storage.Effects;
using Crm.Connector.Storage.Inbox;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace Crm.Connector.Functions.Tests.EndToEnd;

/// <summary>
/// Each effect exactly once, with several instances on one store and across crashes between a write and its
/// confirmation: the driving school's new deals (seed 000) each get one «Собрать первичные сведения» task and their
/// admission, however the work is spread and wherever an instance dies.
/// </summary>
public sealed class ExactlyOnceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The app is killed right after the portal ran one of its writes — the write is kept, its answer never arrives —
    /// then started again: each deal still ends with one task and its admission, nothing sent twice, nothing lost.
    /// </summary>
    [Theory]
    [InlineData("tasks.task.add", 5)]
    [InlineData("crm.deal.update", 5)]
    public async Task KilledBetweenAWriteAndItsAnswer_AfterARestart_EachDealHasExactlyItsEffects(string method, int nth)
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var pipeline = await EventFlowTests.PipelineIdAsync(harness, "Новый клиент");

        var killed = harness.Sandbox.Faults.KillAfter(method, nth, harness.KillApp);
        var ids = await EventFlowTests.AddDealsAsync(harness, pipeline, 20);
        await killed.WaitAsync(KillTimeout);
        await harness.StartAppAsync();

        await WaitForQuietAsync(harness, ids.Count);
        foreach (var id in ids)
        {
            await EventFlowTests.WaitForAdmissionAsync(harness, id, admitted: true);
        }

        AssertOneCollectTaskEach(harness, ids);
        await AssertAuditedOnceEachAsync(harness, "task", ids);
    }

    /// <summary>The operator's run from the issue: three kills during a burst of new deals.</summary>
    [Fact]
    public async Task KilledThreeTimesDuringABurst_EachDealEndsWithOneTaskAndItsAdmission()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var pipeline = await EventFlowTests.PipelineIdAsync(harness, "Новый клиент");

        var first = harness.Sandbox.Faults.KillAfter("tasks.task.add", 4, harness.KillApp);
        var ids = await EventFlowTests.AddDealsAsync(harness, pipeline, 40);
        await first.WaitAsync(KillTimeout);
        var kills = 1;
        foreach (var (method, nth) in new[] { ("tasks.task.add", 7), ("crm.deal.update", 3) })
        {
            var next = harness.Sandbox.Faults.KillAfter(method, nth, harness.KillApp);
            await harness.StartAppAsync();

            // A batch runs on in the portal after its caller died: when the burst was one batch, the restarted app finds
            // every remaining write made and has no n-th call left to die in. Then there is nothing more to kill.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!next.IsCompleted && !await IsQuietAsync(harness, ids.Count))
            {
                Assert.True(clock.Elapsed < KillTimeout, $"neither the {nth}th {method} nor the end of the work came within {KillTimeout.TotalSeconds} s");
                await Task.Delay(200);
            }

            if (!next.IsCompleted)
            {
                harness.Sandbox.Faults.AfterMethod = null;
                break;
            }

            await next;
            kills++;
        }

        await harness.StartAppAsync();
        await WaitForQuietAsync(harness, ids.Count);
        foreach (var id in ids)
        {
            await EventFlowTests.WaitForAdmissionAsync(harness, id, admitted: true);
        }

        var tasks = TasksPerDeal(harness);
        output.WriteLine($"kills {kills}; deals {ids.Count}: tasks written {tasks.Values.Sum()}, duplicated {tasks.Values.Count(c => c > 1)}, missing {ids.Count(id => tasks.GetValueOrDefault($"D_{id}") == 0)}");
        AssertOneCollectTaskEach(harness, ids);
        await AssertAuditedOnceEachAsync(harness, "task", ids);
    }

    /// <summary>A timeline comment has no field to mark it: it is found by its text on its deal, and not written twice.</summary>
    [Fact]
    public async Task KilledAfterAComment_AfterARestart_EachDealHasOneComment()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var pipeline = await EventFlowTests.PipelineIdAsync(harness, "Новый клиент");

        var killed = harness.Sandbox.Faults.KillAfter("crm.timeline.comment.add", 3, harness.KillApp);
        var result = (await harness.Portal.BatchAsync([.. Enumerable.Range(0, 10).Select(i => new BatchCommand($"d{i}", "crm.deal.add", new JObject
        {
            ["fields"] = new JObject
            {
                ["TITLE"] = $"Ученик {i}", ["CATEGORY_ID"] = pipeline,
                ["UF_CRM_TEST_KOAP"] = 90, ["UF_CRM_TEST_SAFETY"] = 90, ["UF_CRM_TEST_VEHICLE"] = 90, ["UF_CRM_TEST_FIRST_AID"] = 90, ["UF_CRM_TEST_RULES"] = 150,
            },
        }))])).EnsureSuccess();
        var ids = result.Commands.Select(c => c.Result!.Value<long>()).ToList();
        await killed.WaitAsync(KillTimeout);
        await harness.StartAppAsync();

        await WaitForQuietAsync(harness, ids.Count);
        var comments = harness.Sandbox.State()["comments"]!
            .Where(c => c.Value<string>("comment")!.StartsWith("Результаты вне диапазона", StringComparison.Ordinal))
            .GroupBy(c => c.Value<long>("entityId"))
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.All(ids, id => Assert.Equal(1, comments.GetValueOrDefault(id)));
    }

    /// <summary>Notifications carry a tag (a second with the same tag replaces the first); to-dos are found by their text.</summary>
    [Theory]
    [InlineData("im.notify.system.add")]
    [InlineData("crm.activity.todo.add")]
    public async Task KilledAfterANotificationOrAToDo_AfterARestart_EachLeadHasOne(string method)
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var noContact = await AutomationFlowTests.StatusAsync(harness, "leads", "NO_CONTACT", "driving-school");

        var killed = harness.Sandbox.Faults.KillAfter(method, 3, harness.KillApp);
        var result = (await harness.Portal.BatchAsync([.. Enumerable.Range(0, 8).Select(i => new BatchCommand($"l{i}", "crm.lead.add", new JObject
        {
            ["fields"] = new JObject { ["TITLE"] = $"Заявка {i}", ["ASSIGNED_BY_ID"] = 2, ["STATUS_ID"] = noContact },
        }))])).EnsureSuccess();
        var ids = result.Commands.Select(c => c.Result!.Value<long>()).ToList();
        await killed.WaitAsync(KillTimeout);
        await harness.StartAppAsync();

        await harness.WaitUntilAsync(
            async () => (await harness.Store.Inbox.CountAsync(harness.MemberId)).GetValueOrDefault(InboxStatus.Pending) == 0
                && (await harness.Store.Outbox.CountAsync(harness.MemberId)).GetValueOrDefault(EffectStatus.Pending) == 0
                && (await harness.Store.Audit.ListAsync(harness.MemberId, "lead", null, 1000)).Count(a => a.Action is "notify" or "callback") >= 2 * ids.Count,
            "every lead's notification and call-back confirmed",
            TimeSpan.FromSeconds(120));
        var state = harness.Sandbox.State();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            Assert.Single(state["notifications"]!, n => n.Value<string>("message")!.Contains($"«Заявка {i.ToString(CultureInfo.InvariantCulture)}»", StringComparison.Ordinal));
            Assert.Single(state["activities"]!, a => a.Value<long>("ownerId") == id && a.Value<int>("ownerTypeId") == 1);
        }
    }

    [Fact]
    public async Task TwoInstances_TwoEventsPerDeal_EachDealGetsOneTaskAndItsLastAdmission()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        await harness.StartInstanceAsync();
        var pipeline = await EventFlowTests.PipelineIdAsync(harness, "Новый клиент");

        // Created admitted (five 90s), then one score drops to 10 while the first events may still be in the works.
        var ids = await EventFlowTests.AddDealsAsync(harness, pipeline, 40);
        await harness.Portal.BatchAsync([.. ids.Select(id => new Crm.Connector.Bitrix24.Batch.BatchCommand($"u{id}", "crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["UF_CRM_TEST_RULES"] = 10 } }))]);

        await harness.Sandbox.WaitForEventsAsync();
        await WaitForQuietAsync(harness, ids.Count);

        // Read from the portal's state, not its REST API: the test's own calls would share the portal's request limit
        // with the app's, and the app must not have met a single 503.
        var deals = harness.Sandbox.State()["items"]!["deal"]!.ToDictionary(d => d.Value<long>("ID"));
        Assert.All(ids, id => Assert.Contains(deals[id]["UF_CRM_TEST_ADMISSION"]?.ToString(), new[] { "0", "N", "False", "false" }));
        AssertOneCollectTaskEach(harness, ids);
        var audit = await harness.Store.Audit.ListAsync(harness.MemberId, "deal", null, 10_000);
        Assert.Equal(ids.Count, audit.Count(a => a.Action == "task"));
        Assert.Equal(0, harness.Sandbox.Stats.QueryLimitExceeded);
    }

    /// <summary>The effects of <paramref name="action"/> on each deal are audited once, under one key each.</summary>
    private static async Task AssertAuditedOnceEachAsync(AppHarness harness, string action, IReadOnlyList<long> ids)
    {
        var audit = (await harness.Store.Audit.ListAsync(harness.MemberId, "deal", null, 10_000)).Where(a => a.Action == action).ToList();
        Assert.All(ids, id => Assert.Single(audit, a => a.ItemId == id));
    }

    private static Dictionary<string, int> TasksPerDeal(AppHarness harness) =>
        harness.Sandbox.State()["tasks"]!
            .Where(t => t.Value<string>("title")!.StartsWith("Собрать первичные сведения", StringComparison.Ordinal))
            .GroupBy(t => t["ufCrmTask"]!.Values<string>().Single() ?? string.Empty)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Waits until nothing is pending — neither inbox items nor effects — and every deal's task is confirmed.</summary>
    internal static Task WaitForQuietAsync(AppHarness harness, int tasks) =>
        harness.WaitUntilAsync(() => IsQuietAsync(harness, tasks), "every event worked on and every effect confirmed", TimeSpan.FromSeconds(120));

    /// <summary>Nothing left in the inbox or the outbox, and every deal's task audited.</summary>
    private static async Task<bool> IsQuietAsync(AppHarness harness, int tasks) =>
        (await harness.Store.Inbox.CountAsync(harness.MemberId)).GetValueOrDefault(InboxStatus.Pending) == 0
        && (await harness.Store.Outbox.CountAsync(harness.MemberId)).GetValueOrDefault(EffectStatus.Pending) == 0
        && (await harness.Store.Audit.ListAsync(harness.MemberId, "deal", null, 10_000)).Count(a => a.Action == "task") >= tasks;

    /// <summary>Each deal has exactly one collect task in the portal.</summary>
    internal static void AssertOneCollectTaskEach(AppHarness harness, IReadOnlyList<long> ids)
    {
        var tasks = TasksPerDeal(harness);
        var wrong = ids.Select(id => (Id: id, Count: tasks.GetValueOrDefault($"D_{id}"))).Where(t => t.Count != 1).ToList();
        Assert.True(wrong.Count == 0, $"deals without exactly one task: {string.Join(", ", wrong.Select(w => $"{w.Id}×{w.Count}"))}");
    }
}
