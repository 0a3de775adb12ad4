using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Storage.Installations;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.EndToEnd;

/// <summary>The installation's life as the portal drives it — install in any order, update, uninstall — and events missed while the app was down.</summary>
public sealed class LifecycleTests
{
    [Theory]
    [InlineData(SandboxInstallOrder.EventThenCallback)]
    [InlineData(SandboxInstallOrder.CallbackOnly)]
    [InlineData(SandboxInstallOrder.EventOnly)]
    public async Task Install_EitherMessageFirstOrAlone_ProvisionsBindsAndRegisters(SandboxInstallOrder order)
    {
        await using var harness = await AppHarness.StartAsync();

        var result = await harness.InstallAsync(new SandboxInstallOptions { Order = order });

        var installation = await harness.Store.Installations.GetAsync(harness.MemberId);
        Assert.Equal((InstallationStatus.Active, "driving-school"), (installation!.Status, installation.TemplateKey));
        Assert.True(ApplicationTokenHash.Matches(installation.ApplicationTokenHash, result.ApplicationToken));
        AssertRegistered(harness);
    }

    [Fact]
    public async Task Update_NewApplicationTokenIsStored_AndHandlersAndRobotsAreRegisteredAgain()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var oldToken = harness.ApplicationToken;

        var update = await harness.Sandbox.UpdateAppAsync(harness.InstallUrl, "2");

        Assert.True(update.Succeeded, string.Join("; ", update.Posts.Select(p => $"{p.Name} {p.StatusCode} {p.Body}")));
        Assert.NotEqual(oldToken, update.ApplicationToken);
        Assert.Equal("2", (await harness.Store.Installations.GetAsync(harness.MemberId))!.AppVersion);
        AssertRegistered(harness);
        Assert.Equal(401, (await harness.PostFormAsync("api/bitrix24/events", harness.EventForm("ONCRMDEALUPDATE", 1, 1_900_000_001, oldToken))).Status);
        Assert.Equal(200, (await harness.PostFormAsync("api/bitrix24/events", harness.EventForm("ONCRMDEALUPDATE", 1, 1_900_000_002, update.ApplicationToken))).Status);
    }

    [Fact]
    public async Task Uninstall_KeepingData_MarksTheInstallationRemovedAndRefusesItsEvents()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();

        var uninstall = await harness.Sandbox.UninstallAppAsync(harness.InstallUrl, clean: false);

        Assert.True(uninstall.Succeeded, string.Join("; ", uninstall.Posts.Select(p => $"{p.Name} {p.StatusCode} {p.Body}")));
        Assert.Equal(InstallationStatus.Removed, (await harness.Store.Installations.GetAsync(harness.MemberId))!.Status);
        Assert.NotEmpty((await harness.Store.Ledgers.LoadAsync(harness.MemberId, "driving-school")).Entries);
        Assert.Equal(401, (await harness.PostFormAsync("api/bitrix24/events", harness.EventForm("ONCRMDEALUPDATE", 1, 1_900_000_003))).Status);
    }

    /// <summary>
    /// Work accepted for the portal is still waiting when the app is removed — here held by a worker that died (its
    /// claim would hold for an hour). It can never be done now, so the uninstall closes it: nothing of the portal stays
    /// pending, and health stops counting it.
    /// </summary>
    [Fact]
    public async Task Uninstall_KeepingData_ClosesTheWorkStillWaiting_AndHealthStopsCountingIt()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        await harness.WaitUntilAsync(async () => (await harness.Store.Inbox.CountAsync(harness.MemberId)).GetValueOrDefault(Storage.Inbox.InboxStatus.Pending) == 0, "the install's work to drain");
        var now = TimeProvider.System.GetUtcNow();
        Assert.True(await harness.Store.Inbox.TryAcceptAsync(new Storage.Inbox.InboxItem
        {
            Key = $"{harness.MemberId}:ONCRMDEALUPDATE:1:held",
            MemberId = harness.MemberId,
            Kind = "event",
            Entity = "deal",
            ItemId = 1,
            Payload = new JObject { ["event"] = "ONCRMDEALUPDATE", ["ts"] = now.ToUnixTimeSeconds() },
            ReceivedAt = now,
        }));
        var held = Assert.Single(await harness.Store.Inbox.ClaimAsync(harness.MemberId, 10, TimeSpan.FromHours(1)));
        Assert.Equal(1, await HealthPendingAsync(harness));

        var uninstall = await harness.Sandbox.UninstallAppAsync(harness.InstallUrl, clean: false);

        Assert.True(uninstall.Succeeded, string.Join("; ", uninstall.Posts.Select(p => $"{p.Name} {p.StatusCode} {p.Body}")));
        var closed = await harness.Store.Inbox.GetAsync(held.Id);
        Assert.Equal(Storage.Inbox.InboxStatus.Done, closed!.Status);
        Assert.Contains("uninstalled", closed.Error, StringComparison.Ordinal);
        Assert.Equal(0, await HealthPendingAsync(harness));
        var audit = Assert.Single(await harness.Store.Audit.ListAsync(harness.MemberId, null, null), a => a.Action == "uninstall");
        Assert.Equal(1, audit.Detail.Value<int>("inboxClosed"));
    }

    [Fact]
    public async Task Uninstall_WithClean_DeletesEverythingKeptForThePortal()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();

        var uninstall = await harness.Sandbox.UninstallAppAsync(harness.InstallUrl, clean: true);

        Assert.True(uninstall.Succeeded, string.Join("; ", uninstall.Posts.Select(p => $"{p.Name} {p.StatusCode} {p.Body}")));
        Assert.Null(await harness.Store.Installations.GetAsync(harness.MemberId));
        Assert.Null(await harness.Store.Tokens.GetAsync(harness.MemberId));
        Assert.Empty((await harness.Store.Ledgers.LoadAsync(harness.MemberId, "driving-school")).Entries);
    }

    [Fact]
    public async Task DealChangedWhileTheAppWasDown_IsCaughtUpByTheSweepWhenItStarts()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var id = await EventFlowTests.AddDealAsync(harness, await EventFlowTests.PipelineIdAsync(harness, "Новый клиент"), 90, 90, 90, 90, 90);
        await EventFlowTests.WaitForAdmissionAsync(harness, id, true);

        // The portal's echo of the app's own write is delivered before the app goes down, so it is not counted below.
        await harness.Sandbox.WaitForEventsAsync();
        harness.KillApp();
        harness.Sandbox.ResetStats();
        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["UF_CRM_TEST_RULES"] = 10 } });
        await harness.Sandbox.WaitForEventsAsync();
        Assert.Equal(0, harness.Sandbox.Stats.EventsDelivered);
        Assert.True(harness.Sandbox.Stats.EventsFailed >= 1, "the event was not even tried while the app was down");
        Assert.Contains(harness.Sandbox.State()["offlineEvents"]!, e => e.Value<string>("EVENT_NAME") == "ONCRMDEALUPDATE" && e.SelectToken("EVENT_DATA.FIELDS.ID")!.Value<long>() == id);

        await harness.StartAppAsync();

        await EventFlowTests.WaitForAdmissionAsync(harness, id, false);
        Assert.True(harness.Sandbox.Stats.Methods.GetValueOrDefault("event.offline.clear") >= 1, "the offline queue was read but never confirmed");

        // The portal shows the value as soon as the app wrote it; the audit row is committed right after the write, and
        // the same change also reached the app through the offline queue and the sweep: count once all of it is done.
        await harness.WaitUntilAsync(async () => (await harness.Store.Audit.ListAsync(harness.MemberId, "deal", id)).Count(a => a.Action == "setFields") >= 2, "the write to be audited");
        await harness.WaitUntilAsync(async () => (await harness.Store.Inbox.CountAsync(harness.MemberId)).GetValueOrDefault(Storage.Inbox.InboxStatus.Pending) == 0, "every copy of the change to be processed");
        var audit = await harness.Store.Audit.ListAsync(harness.MemberId, "deal", id);
        Assert.Equal(2, audit.Count(a => a.Action == "setFields"));
    }

    /// <summary>
    /// Under the isolated worker the queue message travels apart from the HTTP answer: the inbox row is committed before
    /// the 200, but the message may be lost. The row alone must be enough — <c>due-jobs</c> re-queues a portal whose
    /// accepted work has waited too long. (Nothing changed in the portal meanwhile, so the sweep has nothing to drain.)
    /// </summary>
    [Fact]
    public async Task AcceptedEventWhoseQueueMessageWasLost_IsStillProcessed()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var id = await EventFlowTests.AddDealAsync(harness, await EventFlowTests.PipelineIdAsync(harness, "Новый клиент"), 90, 90, 90, 90, 90);
        await EventFlowTests.WaitForAdmissionAsync(harness, id, true);
        await harness.Sandbox.WaitForEventsAsync();
        await harness.WaitUntilAsync(async () => (await harness.Store.Inbox.CountAsync(harness.MemberId)).GetValueOrDefault(Storage.Inbox.InboxStatus.Pending) == 0, "the inbox to drain");
        harness.KillApp();

        // What the events function commits before its 200, with its queue message lost on the way.
        var accepted = await harness.Store.Inbox.TryAcceptAsync(new Storage.Inbox.InboxItem
        {
            Key = $"{harness.MemberId}:lost-message:{id}",
            MemberId = harness.MemberId,
            Kind = "event",
            Entity = "deal",
            ItemId = id,
            Payload = new JObject { ["event"] = "ONCRMDEALUPDATE", ["ts"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() },
            ReceivedAt = TimeProvider.System.GetUtcNow(),
        });
        Assert.True(accepted);
        Assert.Empty(await harness.Store.Queues.DequeueAsync(Bitrix24.WorkMessage.Queue, 10, TimeSpan.FromSeconds(1)));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await harness.StartAppAsync();

        await harness.WaitUntilAsync(async () => (await harness.Store.Inbox.CountAsync(harness.MemberId)).GetValueOrDefault(Storage.Inbox.InboxStatus.Pending) == 0, "the stalled item to be processed");
        Assert.Equal(0, (await harness.Store.Inbox.CountAsync(harness.MemberId)).GetValueOrDefault(Storage.Inbox.InboxStatus.Failed));
        Assert.Contains("1 stalled portals queued", harness.App!.Process.Output, StringComparison.Ordinal);
    }

    private static async Task<int> HealthPendingAsync(AppHarness harness) =>
        JObject.Parse(await harness.Http.GetStringAsync(new Uri("api/health", UriKind.Relative))).Value<int>("inboxPending");

    private static void AssertRegistered(AppHarness harness)
    {
        var state = harness.Sandbox.State();
        var handler = new Uri(harness.AppUrl, "api/bitrix24/events").AbsoluteUri;
        var bound = state["eventHandlers"]!.Where(h => h.Value<string>("handler") == handler).Select(h => h.Value<string>("event")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        string[] events = ["ONCRMDEALADD", "ONCRMDEALUPDATE", "ONCRMDEALMOVETOCATEGORY", "ONCRMLEADADD", "ONCRMLEADUPDATE"];
        Assert.Superset(new HashSet<string>(events, StringComparer.OrdinalIgnoreCase), bound!);
        var offline = state["eventHandlers"]!.Where(h => h.Value<int>("offline") == 1).Select(h => h.Value<string>("event")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Superset(new HashSet<string>(events, StringComparer.OrdinalIgnoreCase), offline!);
        Assert.Contains(state["robots"]!, r => r.Value<string>("CODE") == "crmc.admission_scoring");
    }
}
