using System.Globalization;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Automation.Time;
using Crm.Connector.Installer;
using Crm.Connector.Sandbox.Bitrix24;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.EndToEnd;

/// <summary>
/// Seed 001's refusal call-back is planned from when the deal was lost — the portal's stage-change time (MOVED_TIME) —
/// not from when the app got to it.
/// </summary>
public sealed class RefusalCallbackTimingTests
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    /// <summary>
    /// The portal's clock is set to 23:55 on the 15th of the month after next (Moscow), so the deal is lost in the first
    /// half of a month the app's own clock is not even in: only the stage-change time gives the 1st of the month after.
    /// (A portal ahead of the app, not behind, so the access tokens it issues still look valid to the app.)
    /// </summary>
    [Fact]
    public async Task DealLost_TheCallBackIsPlannedFromThePortalsStageChangeTime_NotFromWhenTheAppSawIt()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), Moscow).DateTime);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(2);
        var lostLocal = month.AddDays(14).ToDateTime(new TimeOnly(23, 55), DateTimeKind.Unspecified);
        var portalClock = new AheadClock(new DateTimeOffset(lostLocal, Moscow.GetUtcOffset(lostLocal)) - TimeProvider.System.GetUtcNow());
        await using var harness = await AppHarness.StartAsync(new Bitrix24SandboxOptions { TimeProvider = portalClock }, new Dictionary<string, string> { ["Bitrix24__DefaultTemplate"] = "auto-dealer" });
        await harness.InstallAsync();
        var ledger = await harness.Store.Ledgers.LoadAsync(harness.MemberId, "auto-dealer");
        var id = (await harness.Portal.CallAsync("crm.deal.add", new JObject
        {
            ["fields"] = new JObject { ["TITLE"] = "Ремонт Kia Ceed", ["CATEGORY_ID"] = ledger.Get(ResourceKey.Pipeline("repair"))!.PortalId, ["STAGE_ID"] = ledger.Get(ResourceKey.Stage("repair", "INFO"))!.Code, ["ASSIGNED_BY_ID"] = 3 },
        })).Result!.Value<long>();
        await harness.WaitUntilAsync(async () => await harness.Store.Snapshots.GetAsync(harness.MemberId, "deal", id) is not null, "the new deal to be seen");

        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STAGE_ID"] = ledger.Get(ResourceKey.Stage("repair", "CHANGED_MIND"))!.Code, ["UF_CRM_REFUSAL_REASON"] = "дорого" } });
        List<JToken> todos = [];
        await harness.WaitUntilAsync(() => Task.FromResult((todos = [.. harness.Sandbox.State()["activities"]!.Where(a => a.Value<long>("ownerId") == id && a.Value<int>("ownerTypeId") == 2)]).Count > 0), "the call-back to-do");

        var movedAt = DateTimeOffset.Parse((await harness.Portal.CallAsync("crm.deal.get", new JObject { ["id"] = id })).Result!.Value<string>("MOVED_TIME")!, CultureInfo.InvariantCulture);
        Assert.Equal(month.AddDays(14), DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(movedAt, Moscow).DateTime));
        var process = (Templates.Model.Processes.RefusalCallbackProcess)(await Templates.Loading.TemplateLoader.LoadFileAsync(Testing.Repository.PathOf("templates", "bitrix24", "auto-dealer.json"))).Template!.Processes.Single(p => p.Key == "refusal-callback");
        var due = DateTimeOffset.Parse(Assert.Single(todos).Value<string>("deadline")!, CultureInfo.InvariantCulture);
        Assert.Equal(RefusalCallback.Due(movedAt, process, BusinessCalendar.Default), due);
        Assert.Equal((month.AddMonths(1).Year, month.AddMonths(1).Month), (due.Year, due.Month));
        Assert.NotEqual(RefusalCallback.Due(TimeProvider.System.GetUtcNow(), process, BusinessCalendar.Default), due);
    }

    /// <summary>The system clock moved by a fixed amount (timers and timestamps stay the system's).</summary>
    private sealed class AheadClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }
}
