using Crm.Connector.Storage.Effects;
using Crm.Connector.Storage.Inbox;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.EndToEnd;

/// <summary>
/// Each effect exactly once, with several instances on one store and across crashes between a write and its
/// confirmation: the driving school's new deals (seed 000) each get one «Собрать первичные сведения» task and their
/// admission, however the work is spread and wherever an instance dies.
/// </summary>
public sealed class ExactlyOnceTests
{
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

        await WaitForQuietAsync(harness, ids.Count);
        foreach (var id in ids)
        {
            await EventFlowTests.WaitForAdmissionAsync(harness, id, admitted: false);
        }

        AssertOneCollectTaskEach(harness, ids);
        var audit = await harness.Store.Audit.ListAsync(harness.MemberId, "deal", null, 10_000);
        Assert.Equal(ids.Count, audit.Count(a => a.Action == "task"));
        Assert.Equal(0, harness.Sandbox.Stats.QueryLimitExceeded);
    }

    /// <summary>Waits until nothing is pending — neither inbox items nor effects — and every deal's task is confirmed.</summary>
    internal static Task WaitForQuietAsync(AppHarness harness, int tasks) =>
        harness.WaitUntilAsync(
            async () => (await harness.Store.Inbox.CountAsync(harness.MemberId)).GetValueOrDefault(InboxStatus.Pending) == 0
                && (await harness.Store.Outbox.CountAsync(harness.MemberId)).GetValueOrDefault(EffectStatus.Pending) == 0
                && (await harness.Store.Audit.ListAsync(harness.MemberId, "deal", null, 10_000)).Count(a => a.Action == "task") >= tasks,
            "every event worked on and every effect confirmed",
            TimeSpan.FromSeconds(120));

    /// <summary>Each deal has exactly one collect task in the portal.</summary>
    internal static void AssertOneCollectTaskEach(AppHarness harness, IReadOnlyList<long> ids)
    {
        var tasks = harness.Sandbox.State()["tasks"]!
            .Where(t => t.Value<string>("title")!.StartsWith("Собрать первичные сведения", StringComparison.Ordinal))
            .GroupBy(t => t["ufCrmTask"]!.Values<string>().Single() ?? string.Empty)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var wrong = ids.Select(id => (Id: id, Count: tasks.GetValueOrDefault($"D_{id}"))).Where(t => t.Count != 1).ToList();
        Assert.True(wrong.Count == 0, $"deals without exactly one task: {string.Join(", ", wrong.Select(w => $"{w.Id}×{w.Count}"))}");
    }
}
