using System.Globalization;
using Crm.Connector.Installer;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.EndToEnd;

/// <summary>
/// The car dealer's automations (seed 001, template auto-dealer) run by the app against a sandbox portal: what a new lead
/// sets off, its delayed follow-ups when they come due, a call-back task on a stage, and a stage that requires a field.
/// </summary>
public sealed class AutomationFlowTests
{
    private static readonly Dictionary<string, string> AutoDealer = new() { ["Bitrix24__DefaultTemplate"] = "auto-dealer" };

    [Fact]
    public async Task LeadCreated_TheManagerIsNotified_AndTheFollowUpsAreScheduled()
    {
        await using var harness = await AppHarness.StartAsync(settings: AutoDealer);
        await harness.InstallAsync();

        var id = await AddLeadAsync(harness, "Иван, Kia Rio");

        await WaitForNotificationAsync(harness, 2, "Новый лид «Иван, Kia Rio»");
        var reminder = await WaitForJobAsync(harness, $"lead-convert-reminder:lead:{id}:created");
        var escalation = await WaitForJobAsync(harness, $"lead-supervisor-escalate:lead:{id}:created");
        Assert.Equal(TimeSpan.FromHours(1), escalation.DueAt - reminder.DueAt);

        // The audit row is written when the portal's answer confirms the notification, a moment after the portal shows it.
        await harness.WaitUntilAsync(
            async () => (await harness.Store.Audit.ListAsync(harness.MemberId, "lead", id)).Any(a => a.Action == "notify" && a.Cause.Contains("lead-created-notify", StringComparison.Ordinal)),
            "the notification's audit row");
    }

    [Fact]
    public async Task LeadStillUnprocessedWhenTheChecksComeDue_ManagerRemindedAndSupervisorTold()
    {
        await using var harness = await AppHarness.StartAsync(settings: AutoDealer);
        await harness.InstallAsync();
        var id = await AddLeadAsync(harness, "Пётр, Lada Vesta");
        await WaitForJobAsync(harness, $"lead-supervisor-escalate:lead:{id}:created");

        // Two hours pass while the app is down: the checks are due when it starts again (its timers run at start).
        harness.KillApp();
        await MakeDueAsync(harness, $"lead:{id}:created");
        await harness.StartAppAsync();

        await WaitForNotificationAsync(harness, 2, "Прошёл час с поступления лида «Пётр, Lada Vesta»");
        await WaitForNotificationAsync(harness, 4, "Лид «Пётр, Lada Vesta» не обработан за 2 часа");
    }

    [Fact]
    public async Task LeadConverted_BeforeTheChecksComeDue_NothingMoreIsSent()
    {
        await using var harness = await AppHarness.StartAsync(settings: AutoDealer);
        await harness.InstallAsync();
        var id = await AddLeadAsync(harness, "Ольга, Hyundai Solaris");
        await WaitForJobAsync(harness, $"lead-supervisor-escalate:lead:{id}:created");
        await MoveLeadAsync(harness, id, "JUNK");
        await harness.WaitUntilAsync(async () => (await harness.Store.Snapshots.GetAsync(harness.MemberId, "lead", id))?.Fields.Value<string>("STATUS_ID") == await StatusAsync(harness, "leads", "JUNK"), "the move to be seen");

        harness.KillApp();
        await MakeDueAsync(harness, $"lead:{id}:created");
        await harness.StartAppAsync();
        await harness.WaitUntilAsync(async () => (await harness.Store.Jobs.FindAsync($"{harness.MemberId}:lead-supervisor-escalate:lead:{id}:created"))?.Status == Storage.Jobs.JobStatus.Done, "the check to run");
        await harness.WaitUntilAsync(async () => (await harness.Store.Inbox.CountAsync(harness.MemberId)).GetValueOrDefault(Storage.Inbox.InboxStatus.Pending) == 0, "the inbox to drain");

        var notifications = Notifications(harness);
        Assert.DoesNotContain(notifications, n => n.Message.Contains("Ольга, Hyundai Solaris", StringComparison.Ordinal) && n.Message.Contains("Прошёл час", StringComparison.Ordinal));
        Assert.DoesNotContain(notifications, n => n.User == 4);
    }

    [Fact]
    public async Task LeadMovedToClarify_ACallBackTaskIsBoundToIt()
    {
        await using var harness = await AppHarness.StartAsync(settings: AutoDealer);
        await harness.InstallAsync();
        var id = await AddLeadAsync(harness, "Анна, Skoda Octavia");
        await WaitForNotificationAsync(harness, 2, "Анна, Skoda Octavia");

        await MoveLeadAsync(harness, id, "CLARIFY");

        await harness.WaitUntilAsync(
            () => Task.FromResult(harness.Sandbox.State()["tasks"]!.Any(t => t.Value<string>("title") == "Обратный звонок" && t["ufCrmTask"]!.Values<string>().Contains($"L_{id}"))),
            "the call-back task");
        var task = harness.Sandbox.State()["tasks"]!.First(t => t["ufCrmTask"]!.Values<string>().Contains($"L_{id}"));
        Assert.Equal("2", task.Value<string>("responsibleId"));
        Assert.Contains("Анна, Skoda Octavia", task.Value<string>("description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepairDealMovedToAnalysisWithoutAMaster_GoesBackAndTheManagerIsTold()
    {
        await using var harness = await AppHarness.StartAsync(settings: AutoDealer);
        await harness.InstallAsync();
        var info = await StatusAsync(harness, "repair", "INFO");
        var analysis = await StatusAsync(harness, "repair", "ANALYSIS");
        var id = await AddRepairDealAsync(harness, "Ремонт Kia Rio");

        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STAGE_ID"] = analysis } });

        await WaitForNotificationAsync(harness, 3, "Выберите мастера");
        await harness.WaitUntilAsync(async () => (await harness.Portal.CallAsync("crm.deal.get", new JObject { ["id"] = id })).Result!.Value<string>("STAGE_ID") == info, "the deal to go back");
        var audit = await harness.Store.Audit.ListAsync(harness.MemberId, "deal", id);
        Assert.Contains(audit, a => a.Action == "requireFields" && a.Detail.Value<string>("returnedTo") == "INFO");
        // Its next action (tell the master) waits for the field: it runs when the deal enters the stage again, filled in.
        Assert.DoesNotContain(audit, a => a.Cause.Contains("(repair-analysis)", StringComparison.Ordinal) && a.Action != "requireFields");
    }

    [Fact]
    public async Task DealLost_WithoutAReason_GoesBack_WithOne_ACallBackIsPlannedForNextMonth()
    {
        await using var harness = await AppHarness.StartAsync(settings: AutoDealer);
        await harness.InstallAsync();
        var id = await AddRepairDealAsync(harness, "Ремонт Lada Granta");
        var lost = await StatusAsync(harness, "repair", "CHANGED_MIND");

        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STAGE_ID"] = lost } });
        await WaitForNotificationAsync(harness, 3, "Заполните поле «Причина отказа»");
        await harness.WaitUntilAsync(async () => (await harness.Portal.CallAsync("crm.deal.get", new JObject { ["id"] = id })).Result!.Value<string>("STAGE_ID") == await StatusAsync(harness, "repair", "INFO"), "the deal to go back");

        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STAGE_ID"] = lost, ["UF_CRM_REFUSAL_REASON"] = "дорого" } });
        await harness.WaitUntilAsync(() => Task.FromResult(Todos(harness, id).Count > 0), "the call-back to-do");
        var movedAt = DateTimeOffset.Parse((await harness.Portal.CallAsync("crm.deal.get", new JObject { ["id"] = id })).Result!.Value<string>("MOVED_TIME")!, CultureInfo.InvariantCulture);

        var todo = Assert.Single(Todos(harness, id));
        Assert.Equal("Повторный звонок клиенту: Ремонт Lada Granta", todo.Value<string>("title"));
        Assert.StartsWith("Причина отказа: дорого.", todo.Value<string>("description"), StringComparison.Ordinal);
        var process = (Templates.Model.Processes.RefusalCallbackProcess)(await Templates.Loading.TemplateLoader.LoadFileAsync(Crm.Connector.Testing.Repository.PathOf("templates", "bitrix24", "auto-dealer.json"))).Template!.Processes.Single(p => p.Key == "refusal-callback");
        var due = DateTimeOffset.Parse(todo.Value<string>("deadline")!, CultureInfo.InvariantCulture);
        Assert.Equal(Automation.Processes.RefusalCallback.Due(movedAt, process, Automation.Time.BusinessCalendar.Default), due);
    }

    [Fact]
    public async Task RefusalRobotCalledFromAWorkflow_PlansTheCallBackAndAnswers()
    {
        await using var harness = await AppHarness.StartAsync(settings: AutoDealer);
        await harness.InstallAsync();
        var id = await AddRepairDealAsync(harness, "Ремонт Ford Focus");
        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["UF_CRM_REFUSAL_REASON"] = "нашёл дешевле" } });

        var token = await harness.Sandbox.RunRobotAsync("crmc.refusal_callback", $"DEAL_{id}");

        await harness.WaitUntilAsync(() => Task.FromResult(harness.Sandbox.RobotCall(token)?.Answered == true), "the robot's answer");
        await harness.WaitUntilAsync(() => Task.FromResult(Todos(harness, id).Count == 1), "the call-back to-do");
        Assert.StartsWith("Причина отказа: нашёл дешевле.", Todos(harness, id)[0].Value<string>("description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyShop_PaymentsAdded_PaidAndRemainingAreWritten()
    {
        await using var harness = await AppHarness.StartAsync(settings: new Dictionary<string, string> { ["Bitrix24__DefaultTemplate"] = "body-shop" });
        await harness.InstallAsync();
        var category = (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "body-shop")).Get(ResourceKey.Pipeline("body-repair"))!.PortalId;
        var id = (await harness.Portal.CallAsync("crm.deal.add", new JObject
        {
            ["fields"] = new JObject { ["TITLE"] = "Кузовной ремонт", ["CATEGORY_ID"] = category, ["OPPORTUNITY"] = 12000, ["ASSIGNED_BY_ID"] = 2 },
        })).Result!.Value<long>();

        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["UF_CRM_PAYMENTS"] = new JArray("5000|RUB", "2500|RUB") } });

        await harness.WaitUntilAsync(
            async () =>
            {
                var deal = (await harness.Portal.CallAsync("crm.deal.get", new JObject { ["id"] = id })).Result!;
                return Money(deal["UF_CRM_PAID"]) == 7500m && Money(deal["UF_CRM_REMAINING"]) == 4500m;
            },
            "«Внесено» 7500 and «Осталось оплатить» 4500");
    }

    [Fact]
    public async Task DrivingSchool_QualifiedCandidate_BecomesAContactAndADealInInstructorHiring()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var goal = await ListItemIdAsync(harness, "lead", "UF_CRM_GOAL", "EMPLOYMENT");
        var id = (await harness.Portal.CallAsync("crm.lead.add", new JObject
        {
            ["fields"] = new JObject
            {
                ["TITLE"] = "Кандидат в инструкторы", ["NAME"] = "Сергей", ["LAST_NAME"] = "Орлов", ["ASSIGNED_BY_ID"] = 2,
                ["PHONE"] = new JArray(new JObject { ["VALUE"] = "+79990001122", ["VALUE_TYPE"] = "WORK" }), ["UF_CRM_GOAL"] = goal,
            },
        })).Result!.Value<long>();
        await harness.WaitUntilAsync(async () => await harness.Store.Snapshots.GetAsync(harness.MemberId, "lead", id) is not null, "the lead to be seen");

        await harness.Portal.CallAsync("crm.lead.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STATUS_ID"] = await StatusAsync(harness, "leads", "CONVERTED", "driving-school") } });

        var ledger = await harness.Store.Ledgers.LoadAsync(harness.MemberId, "driving-school");
        var category = ledger.Get(ResourceKey.Pipeline("instructors"))!.PortalId;
        JToken? deal = null;
        await harness.WaitUntilAsync(() => Task.FromResult((deal = harness.Sandbox.State()["items"]!["deal"]!.FirstOrDefault(d => d.Value<string>("LEAD_ID") == id.ToString(CultureInfo.InvariantCulture))) is not null), "the deal made from the lead");
        Assert.Equal(category, deal!.Value<string>("CATEGORY_ID"));
        Assert.Equal(await StatusAsync(harness, "instructors", "CANDIDATE", "driving-school"), deal.Value<string>("STAGE_ID"));
        var contact = harness.Sandbox.State()["items"]!["contact"]!.Single(c => c.Value<string>("ID") == deal.Value<string>("CONTACT_ID"));
        Assert.Equal(("Сергей", "Орлов"), (contact.Value<string>("NAME"), contact.Value<string>("LAST_NAME")));
    }

    [Fact]
    public async Task DrivingSchool_QualifiedStudentWithoutTheRequiredData_GoesBackAndNoDealIsMade()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var id = (await harness.Portal.CallAsync("crm.lead.add", new JObject
        {
            ["fields"] = new JObject { ["TITLE"] = "Ученик без данных", ["ASSIGNED_BY_ID"] = 2, ["STATUS_ID"] = await StatusAsync(harness, "leads", "QUALIFICATION", "driving-school") },
        })).Result!.Value<long>();
        await harness.WaitUntilAsync(async () => await harness.Store.Snapshots.GetAsync(harness.MemberId, "lead", id) is not null, "the lead to be seen");

        await harness.Portal.CallAsync("crm.lead.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STATUS_ID"] = await StatusAsync(harness, "leads", "CONVERTED", "driving-school") } });

        await WaitForNotificationAsync(harness, 2, "заполните дату рождения");
        var qualification = await StatusAsync(harness, "leads", "QUALIFICATION", "driving-school");
        await harness.WaitUntilAsync(async () => (await harness.Portal.CallAsync("crm.lead.get", new JObject { ["id"] = id })).Result!.Value<string>("STATUS_ID") == qualification, "the lead to go back");
        Assert.DoesNotContain(harness.Sandbox.State()["items"]!["deal"]!, d => d.Value<string>("LEAD_ID") == id.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task DrivingSchoolOffice_RegistrarIsTheCreator_AndARefusalNeedsItsReason()
    {
        await using var harness = await AppHarness.StartAsync(settings: new Dictionary<string, string> { ["Bitrix24__DefaultTemplate"] = "driving-school-office" });
        await harness.InstallAsync();
        var id = (await harness.Portal.CallAsync("crm.lead.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Запись на категорию B", ["ASSIGNED_BY_ID"] = 2 } })).Result!.Value<long>();
        await harness.WaitUntilAsync(async () => (await harness.Portal.CallAsync("crm.lead.get", new JObject { ["id"] = id })).Result!.Value<string>("UF_CRM_REGISTRAR") == "1", "the registrar (the webhook's user 1 created the lead)");

        await harness.Portal.CallAsync("crm.lead.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STATUS_ID"] = await StatusAsync(harness, "leads", "REFUSED", "driving-school-office") } });

        await WaitForNotificationAsync(harness, 2, "Выберите причину");
        var first = await StatusAsync(harness, "leads", "NEW", "driving-school-office");
        await harness.WaitUntilAsync(async () => (await harness.Portal.CallAsync("crm.lead.get", new JObject { ["id"] = id })).Result!.Value<string>("STATUS_ID") == first, "the lead to go back");

        var reason = await ListItemIdAsync(harness, "lead", "UF_CRM_STATUS_REASON", "EXPENSIVE");
        await harness.Portal.CallAsync("crm.lead.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STATUS_ID"] = await StatusAsync(harness, "leads", "REFUSED", "driving-school-office"), ["UF_CRM_STATUS_REASON"] = reason } });
        await harness.WaitUntilAsync(async () => (await harness.Store.Snapshots.GetAsync(harness.MemberId, "lead", id))?.Fields.Value<string>("UF_CRM_STATUS_REASON") == reason, "the refusal with its reason to be seen");
        Assert.Equal(await StatusAsync(harness, "leads", "REFUSED", "driving-school-office"), (await harness.Portal.CallAsync("crm.lead.get", new JObject { ["id"] = id })).Result!.Value<string>("STATUS_ID"));
    }

    [Fact]
    public async Task DrivingSchoolOffice_AnotherStatusesReason_AGroupMissing_AndAChangedRegistrar_AreUndoneAndTold()
    {
        await using var harness = await AppHarness.StartAsync(settings: new Dictionary<string, string> { ["Bitrix24__DefaultTemplate"] = "driving-school-office" });
        await harness.InstallAsync();
        async Task<JToken> Lead(long lead) => (await harness.Portal.CallAsync("crm.lead.get", new JObject { ["id"] = lead })).Result!;
        var id = (await harness.Portal.CallAsync("crm.lead.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Запись на категорию C", ["ASSIGNED_BY_ID"] = 2 } })).Result!.Value<long>();
        await harness.WaitUntilAsync(async () => (await Lead(id)).Value<string>("UF_CRM_REGISTRAR") == "1", "the registrar");
        var first = await StatusAsync(harness, "leads", "NEW", "driving-school-office");

        // «Дорого» is a reason for «Отказ», not for «Ожидает набора».
        var refusalReason = await ListItemIdAsync(harness, "lead", "UF_CRM_STATUS_REASON", "EXPENSIVE");
        await harness.Portal.CallAsync("crm.lead.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STATUS_ID"] = await StatusAsync(harness, "leads", "WAITING", "driving-school-office"), ["UF_CRM_STATUS_REASON"] = refusalReason } });
        await WaitForNotificationAsync(harness, 2, "Выберите причину для стадии «Ожидает набора»");
        await harness.WaitUntilAsync(async () => (await Lead(id)).Value<string>("STATUS_ID") == first, "the lead to go back from «Ожидает набора»");

        // «Зачислен в группу» needs «Группа». (The portal's own success status stands for it: the install keeps CONVERTED.)
        await harness.Portal.CallAsync("crm.lead.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STATUS_ID"] = "CONVERTED" } });
        await WaitForNotificationAsync(harness, 2, "с этапа «Зачислен в группу» нужно заполнить поле — карточка возвращена на прежний этап (Группа)");
        await harness.WaitUntilAsync(async () => (await Lead(id)).Value<string>("STATUS_ID") == first, "the lead to go back from «Зачислен в группу»");

        // The registrar never changes.
        await harness.Portal.CallAsync("crm.lead.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["UF_CRM_REGISTRAR"] = "5" } });
        await WaitForNotificationAsync(harness, 2, "поле «Регистратор» не меняется после заполнения");
        await harness.WaitUntilAsync(async () => (await Lead(id)).Value<string>("UF_CRM_REGISTRAR") == "1", "the registrar restored");

        // The audit entry is written when the write is confirmed, just after the portal applied it.
        await harness.WaitUntilAsync(async () => (await harness.Store.Audit.ListAsync(harness.MemberId, "lead", id)).Any(a => a.Action == "keepSetOnce"), "the restore audited");
        var audit = await harness.Store.Audit.ListAsync(harness.MemberId, "lead", id);
        Assert.Contains(audit, a => a.Action == "requireReason" && a.Detail.Value<string>("returnedTo") == "NEW");
        Assert.Contains(audit, a => a.Action == "keepSetOnce" && a.Detail.Value<string>("restored") == "REGISTRAR");
    }

    [Fact]
    public async Task DrivingSchool_ContractWithoutPassportData_GoesBack_AndTheContractStagesOwnAutomationWaits()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var category = (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "driving-school")).Get(ResourceKey.Pipeline("new-client"))!.PortalId;
        var extraInfo = await StatusAsync(harness, "new-client", "EXTRA_INFO", "driving-school");
        var id = (await harness.Portal.CallAsync("crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Ученик Пётр", ["CATEGORY_ID"] = category, ["STAGE_ID"] = extraInfo, ["ASSIGNED_BY_ID"] = 3 } })).Result!.Value<long>();
        await harness.WaitUntilAsync(async () => await harness.Store.Snapshots.GetAsync(harness.MemberId, "deal", id) is not null, "the new deal to be seen");

        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STAGE_ID"] = await StatusAsync(harness, "new-client", "CONTRACT", "driving-school"), ["UF_CRM_PASSPORT"] = "   " } });

        await WaitForNotificationAsync(harness, 3, "«Ученик Пётр»: с этапа «Заключение договора» нужно заполнить поле — карточка возвращена на прежний этап (Паспортные данные)");
        await harness.WaitUntilAsync(async () => (await harness.Portal.CallAsync("crm.deal.get", new JObject { ["id"] = id })).Result!.Value<string>("STAGE_ID") == extraInfo, "the deal to go back");
        var audit = await harness.Store.Audit.ListAsync(harness.MemberId, "deal", id);
        Assert.Contains(audit, a => a.Action == "requireFields" && a.Cause.Contains("required/new-client/PASSPORT", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, a => a.Cause.Contains("(new-client-contract)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CopyDealWithHistory_TheCopyCarriesTheTimelineComments(bool killedAfterTheCopy)
    {
        // A template whose deal is copied on to the wash with its history (the auto dealer with one more automation).
        var folder = Directory.CreateTempSubdirectory("crmc-templates-").FullName;
        try
        {
            var template = JObject.Parse(await File.ReadAllTextAsync(Crm.Connector.Testing.Repository.PathOf("templates", "bitrix24", "auto-dealer.json")));
            template["key"] = "auto-dealer-copy";
            ((JArray)template["automations"]!).Add(JObject.Parse("""
                { "key": "repair-to-wash", "name": "После ремонта — на мойку", "entity": "deal", "pipeline": "repair",
                  "trigger": { "type": "stageEntered", "stages": ["PAYMENT"] },
                  "actions": [{ "type": "copyDeal", "pipeline": "wash", "stage": "INFO", "copyHistory": true }] }
                """));
            Directory.CreateDirectory(Path.Combine(folder, "bitrix24"));
            await File.WriteAllTextAsync(Path.Combine(folder, "bitrix24", "auto-dealer-copy.json"), template.ToString());
            await using var harness = await AppHarness.StartAsync(settings: new Dictionary<string, string> { ["Bitrix24__DefaultTemplate"] = "auto-dealer-copy", [Templates.Loading.TemplateCatalog.RootVariable] = folder });
            await harness.InstallAsync();
            var ledger = await harness.Store.Ledgers.LoadAsync(harness.MemberId, "auto-dealer-copy");
            var repair = ledger.Get(ResourceKey.Pipeline("repair"))!.PortalId;
            var wash = ledger.Get(ResourceKey.Pipeline("wash"))!.PortalId;
            var id = (await harness.Portal.CallAsync("crm.deal.add", new JObject
            {
                ["fields"] = new JObject { ["TITLE"] = "Ремонт Kia Ceed", ["CATEGORY_ID"] = repair, ["STAGE_ID"] = ledger.Get(ResourceKey.Stage("repair", "IN_REPAIR"))!.Code, ["ASSIGNED_BY_ID"] = 3, ["UF_CRM_WORK_END"] = "2026-03-02" },
            })).Result!.Value<long>();
            await harness.WaitUntilAsync(async () => await harness.Store.Snapshots.GetAsync(harness.MemberId, "deal", id) is not null, "the new deal to be seen");
            foreach (var text in new[] { "Клиент просит позвонить после 18:00", "Заменены колодки" })
            {
                await harness.Portal.CallAsync("crm.timeline.comment.add", new JObject { ["fields"] = new JObject { ["ENTITY_ID"] = id, ["ENTITY_TYPE"] = "deal", ["COMMENT"] = text } });
            }

            // Killed right after the portal made the copy, before the app heard of it: the copy is found by its
            // ORIGIN_ID after the restart, not made twice.
            var killed = killedAfterTheCopy ? harness.Sandbox.Faults.KillAfter("crm.deal.add", 1, harness.KillApp) : Task.CompletedTask;
            await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STAGE_ID"] = ledger.Get(ResourceKey.Stage("repair", "PAYMENT"))!.Code } });
            if (killedAfterTheCopy)
            {
                await killed.WaitAsync(TimeSpan.FromSeconds(90));
                await harness.StartAppAsync();
                await harness.WaitUntilAsync(async () => (await harness.Store.Outbox.CountAsync(harness.MemberId)).GetValueOrDefault(Storage.Effects.EffectStatus.Pending) == 0 && (await harness.Store.Audit.ListAsync(harness.MemberId, "deal", id)).Any(a => a.Action == "copyDeal"), "the copy to be confirmed");
            }

            JToken? copy = null;
            await harness.WaitUntilAsync(() => Task.FromResult((copy = harness.Sandbox.State()["items"]!["deal"]!.FirstOrDefault(d => d.Value<string>("CATEGORY_ID") == wash && d.Value<string>("TITLE") == "Ремонт Kia Ceed")) is not null), "the copy in the wash pipeline");
            var copyId = copy!.Value<long>("ID");
            List<string> CopyComments() => [.. harness.Sandbox.State()["comments"]!.Where(c => c.Value<long>("entityId") == copyId && c.Value<string>("entityType") == "deal").Select(c => c.Value<string>("comment")!)];
            await harness.WaitUntilAsync(() => Task.FromResult(CopyComments().Count == 3), "the copied history");
            var comments = CopyComments();
            Assert.Single(harness.Sandbox.State()["items"]!["deal"]!, d => d.Value<string>("CATEGORY_ID") == wash);
            Assert.EndsWith("Клиент просит позвонить после 18:00", comments[0], StringComparison.Ordinal);
            Assert.EndsWith("Заменены колодки", comments[1], StringComparison.Ordinal);
            Assert.StartsWith($"Копия сделки #{id} «Ремонт Kia Ceed»", comments[2], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task DrivingSchool_LeadConvertedInThePortalsOwnWay_GetsNoSecondDeal_AndItsDealTheLeadsValues()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var goal = await ListItemIdAsync(harness, "lead", "UF_CRM_GOAL", "EMPLOYMENT");
        var id = (await harness.Portal.CallAsync("crm.lead.add", new JObject
        {
            ["fields"] = new JObject { ["TITLE"] = "Кандидат Игорь", ["NAME"] = "Игорь", ["ASSIGNED_BY_ID"] = 2, ["UF_CRM_GOAL"] = goal, ["UF_CRM_CATEGORY"] = "C" },
        })).Result!.Value<long>();
        await harness.WaitUntilAsync(async () => await harness.Store.Snapshots.GetAsync(harness.MemberId, "lead", id) is not null, "the lead to be seen");

        // The manager converts the lead in the portal: a contact and a deal made from it, then the lead marked converted.
        var category = (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "driving-school")).Get(ResourceKey.Pipeline("new-client"))!.PortalId;
        var contact = (await harness.Portal.CallAsync("crm.contact.add", new JObject { ["fields"] = new JObject { ["NAME"] = "Игорь" } })).Result!.Value<long>();
        var deal = (await harness.Portal.CallAsync("crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Игорь: сделка из лида", ["CATEGORY_ID"] = category, ["LEAD_ID"] = id, ["CONTACT_ID"] = contact, ["ASSIGNED_BY_ID"] = 2 } })).Result!.Value<long>();
        await harness.Portal.CallAsync("crm.lead.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STATUS_ID"] = "CONVERTED", ["CONTACT_ID"] = contact } });

        await harness.WaitUntilAsync(async () => (await harness.Portal.CallAsync("crm.deal.get", new JObject { ["id"] = deal })).Result!.Value<string>("UF_CRM_CATEGORY") == "C", "the lead's «Категория обучения» carried into the portal's deal");
        await harness.WaitUntilAsync(async () => (await harness.Store.Audit.ListAsync(harness.MemberId, "lead", id)).Any(a => a.Action == "runProcess"), "the routing to be decided");
        Assert.Equal([deal], harness.Sandbox.State()["items"]!["deal"]!.Where(d => d.Value<string>("LEAD_ID") == id.ToString(CultureInfo.InvariantCulture)).Select(d => d.Value<long>("ID")));
        Assert.Single(harness.Sandbox.State()["items"]!["contact"]!);
        Assert.Contains("already converted", (await harness.Store.Audit.ListAsync(harness.MemberId, "lead", id)).Single(a => a.Action == "runProcess").Detail.Value<string>("route"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoDealer_ConversionIsTheManagers_TheAppMakesNoDeal()
    {
        await using var harness = await AppHarness.StartAsync(settings: AutoDealer);
        await harness.InstallAsync();
        var service = await ListItemIdAsync(harness, "lead", "UF_CRM_SERVICE", "WASH");
        var id = (await harness.Portal.CallAsync("crm.lead.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Виктор, Toyota Camry", ["ASSIGNED_BY_ID"] = 2, ["UF_CRM_SERVICE"] = service } })).Result!.Value<long>();
        await WaitForNotificationAsync(harness, 2, "Виктор, Toyota Camry");

        await MoveLeadAsync(harness, id, "CONVERTED");

        await harness.WaitUntilAsync(async () => (await harness.Store.Audit.ListAsync(harness.MemberId, "lead", id)).Any(a => a.Action == "runProcess"), "the routing to be decided");
        Assert.DoesNotContain(harness.Sandbox.State()["items"]!["deal"]!, d => d.Value<string>("LEAD_ID") == id.ToString(CultureInfo.InvariantCulture));
        Assert.Contains("conversion is manual", (await harness.Store.Audit.ListAsync(harness.MemberId, "lead", id)).Single(a => a.Action == "runProcess").Detail.Value<string>("route"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyShop_FleetClientsDealReachesInspection_TheSeniorManagerIsTold()
    {
        await using var harness = await AppHarness.StartAsync(settings: new Dictionary<string, string> { ["Bitrix24__DefaultTemplate"] = "body-shop" });
        await harness.InstallAsync();
        var installation = (await harness.Store.Installations.GetAsync(harness.MemberId))!;
        await harness.Store.Installations.SaveAsync(installation with { Settings = new JObject { ["positions"] = new JObject { ["senior-manager"] = "4" } } });
        await harness.StartAppAsync();
        var fleet = await ListItemIdAsync(harness, "contact", "UF_CRM_CLIENT_KIND", "FLEET");
        var contact = (await harness.Portal.CallAsync("crm.contact.add", new JObject { ["fields"] = new JObject { ["NAME"] = "ООО Автопарк", ["UF_CRM_CLIENT_KIND"] = fleet } })).Result!.Value<long>();
        var category = (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "body-shop")).Get(ResourceKey.Pipeline("body-repair"))!.PortalId;
        var id = (await harness.Portal.CallAsync("crm.deal.add", new JObject
        {
            ["fields"] = new JObject { ["TITLE"] = "Газель после мойки", ["CATEGORY_ID"] = category, ["CONTACT_ID"] = contact, ["ASSIGNED_BY_ID"] = 2 },
        })).Result!.Value<long>();
        await harness.WaitUntilAsync(async () => await harness.Store.Snapshots.GetAsync(harness.MemberId, "deal", id) is not null, "the new deal to be seen");

        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STAGE_ID"] = await StatusAsync(harness, "body-repair", "INSPECTION", "body-shop") } });

        await WaitForNotificationAsync(harness, 4, "Приоритетный клиент по сделке «Газель после мойки»");
        Assert.Contains(Notifications(harness), n => n.User == 4 && n.Message.Contains("вид клиента: Автопарк", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BodyShop_AYearAfterClosing_TheContactIsEmailed()
    {
        await using var harness = await AppHarness.StartAsync(settings: new Dictionary<string, string> { ["Bitrix24__DefaultTemplate"] = "body-shop" });
        await harness.InstallAsync();
        var contact = (await harness.Portal.CallAsync("crm.contact.add", new JObject
        {
            ["fields"] = new JObject { ["NAME"] = "Ирина", ["EMAIL"] = new JArray(new JObject { ["VALUE"] = "irina@example.com", ["VALUE_TYPE"] = "WORK" }) },
        })).Result!.Value<long>();
        var category = (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "body-shop")).Get(ResourceKey.Pipeline("body-repair"))!.PortalId;
        var id = (await harness.Portal.CallAsync("crm.deal.add", new JObject
        {
            ["fields"] = new JObject { ["TITLE"] = "Покраска крыла", ["CATEGORY_ID"] = category, ["CONTACT_ID"] = contact, ["ASSIGNED_BY_ID"] = 2 },
        })).Result!.Value<long>();
        await harness.WaitUntilAsync(async () => await harness.Store.Snapshots.GetAsync(harness.MemberId, "deal", id) is not null, "the new deal to be seen");
        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STAGE_ID"] = await StatusAsync(harness, "body-repair", "WON", "body-shop") } });
        var job = await WaitForJobAsync(harness, $"year-later-email:deal:{id}:instage:WON:");
        Assert.InRange(job.DueAt - TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(360), TimeSpan.FromDays(367));

        // A year passes while the app is down.
        harness.KillApp();
        await MakeDueAsync(harness, $"year-later-email:deal:{id}:", atLeast: 1);
        await harness.StartAppAsync();

        await harness.WaitUntilAsync(() => Task.FromResult(harness.Sandbox.State()["emails"]!.Any(e => e.Value<long>("ownerId") == id)), "the e-mail to the contact");
        var email = harness.Sandbox.State()["emails"]!.Single(e => e.Value<long>("ownerId") == id);
        Assert.Equal("irina@example.com", email["communications"]![0]!.Value<string>("VALUE"));
        Assert.Equal("Пора на ТО? Мы на связи", email.Value<string>("subject"));
        Assert.StartsWith("Здравствуйте, Ирина!", email.Value<string>("description"), StringComparison.Ordinal);
    }

    internal static async Task<string> ListItemIdAsync(AppHarness harness, string entity, string field, string code)
    {
        var service = entity switch { "lead" => harness.Portal.Crm.Leads, "contact" => harness.Portal.Crm.Contacts, _ => harness.Portal.Crm.Deals };
        var definition = (await service.UserFields.ListAsync()).Single(f => f.FieldName == field);
        return definition.List!.Single(i => i.XmlId == code).Id!.Value.ToString(CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task BodyShop_InvoiceRobotWithSplit_IssuesHalfTheRemainderAsPrepaymentAndMovesOn()
    {
        await using var harness = await AppHarness.StartAsync(settings: new Dictionary<string, string> { ["Bitrix24__DefaultTemplate"] = "body-shop" });
        var installed = await harness.InstallAsync();

        // The install answer tells the admin where to put the robots (REST cannot), from the template.
        var answer = installed.Posts.Select(p => JObject.Parse(p.Body)).Last(b => b["result"]?["robotsToPlace"] is JArray { Count: > 0 });
        var invoiceRobot = answer["result"]!["robotsToPlace"]!.Single(r => r.Value<string>("code") == "crmc.invoice");
        Assert.Equal(["Согласование"], invoiceRobot["stages"]!.Select(s => s.Value<string>("stageName")));
        Assert.Contains("«Кузовной ремонт» → «Согласование»", invoiceRobot.Value<string>("message"), StringComparison.Ordinal);
        var contact = (await harness.Portal.CallAsync("crm.contact.add", new JObject
        {
            ["fields"] = new JObject { ["NAME"] = "Павел", ["EMAIL"] = new JArray(new JObject { ["VALUE"] = "pavel@example.com", ["VALUE_TYPE"] = "WORK" }) },
        })).Result!.Value<long>();
        var category = (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "body-shop")).Get(ResourceKey.Pipeline("body-repair"))!.PortalId;
        var id = (await harness.Portal.CallAsync("crm.deal.add", new JObject
        {
            ["fields"] = new JObject { ["TITLE"] = "Рихтовка двери", ["CATEGORY_ID"] = category, ["CONTACT_ID"] = contact, ["OPPORTUNITY"] = 10000, ["ASSIGNED_BY_ID"] = 2 },
        })).Result!.Value<long>();
        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["UF_CRM_PAYMENTS"] = new JArray("2000|RUB") } });
        await harness.WaitUntilAsync(async () => Money((await harness.Portal.CallAsync("crm.deal.get", new JObject { ["id"] = id })).Result!["UF_CRM_REMAINING"]) == 8000m, "the remainder 8000");

        var token = await harness.Sandbox.RunRobotAsync("crmc.invoice", $"DEAL_{id}", new Dictionary<string, string> { ["split"] = "Y" });

        await harness.WaitUntilAsync(() => Task.FromResult(harness.Sandbox.RobotCall(token)?.Answered == true), "the robot's answer");
        Assert.Equal(4000m, harness.Sandbox.RobotCall(token)!.ReturnValues!.Value<decimal>("invoiceAmount"));
        await harness.WaitUntilAsync(() => Task.FromResult(harness.Sandbox.State()["invoices"]!.Any(i => i.Value<long>("parentId2") == id)), "the invoice");
        var invoice = harness.Sandbox.State()["invoices"]!.Single(i => i.Value<long>("parentId2") == id);
        Assert.Equal(("4000.00", "Предоплата"), (invoice.Value<string>("opportunity"), invoice.Value<string>("comments")));
        Assert.Contains(harness.Sandbox.State()["emails"]!, e => e.Value<long>("ownerId") == id && e["communications"]![0]!.Value<string>("VALUE") == "pavel@example.com");
        await WaitForNotificationAsync(harness, 2, "Все ОК, ожидаем машину");
        var waitCar = await StatusAsync(harness, "body-repair", "WAIT_CAR", "body-shop");
        await harness.WaitUntilAsync(async () => (await harness.Portal.CallAsync("crm.deal.get", new JObject { ["id"] = id })).Result!.Value<string>("STAGE_ID") == waitCar, "the deal to move to «Ждем машину»");
    }

    [Fact]
    public async Task BodyShop_PhotoGatedInspection_AndTheAmountMovesItToApproval()
    {
        await using var harness = await AppHarness.StartAsync(settings: new Dictionary<string, string> { ["Bitrix24__DefaultTemplate"] = "body-shop" });
        await harness.InstallAsync();
        async Task<string> Status(string stage) => await StatusAsync(harness, "body-repair", stage, "body-shop");
        async Task<string?> StageOf(long deal) => (await harness.Portal.CallAsync("crm.deal.get", new JObject { ["id"] = deal })).Result!.Value<string>("STAGE_ID");
        var category = (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "body-shop")).Get(ResourceKey.Pipeline("body-repair"))!.PortalId;
        var id = (await harness.Portal.CallAsync("crm.deal.add", new JObject
        {
            ["fields"] = new JObject { ["TITLE"] = "Вмятина на капоте", ["CATEGORY_ID"] = category, ["STAGE_ID"] = await Status("FIRST_CONTACT"), ["ASSIGNED_BY_ID"] = 2 },
        })).Result!.Value<long>();
        await harness.WaitUntilAsync(async () => await harness.Store.Snapshots.GetAsync(harness.MemberId, "deal", id) is not null, "the new deal to be seen");

        // Moved to «Осмотр/фото» without photos: back, with the reason.
        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STAGE_ID"] = await Status("INSPECTION") } });
        await WaitForNotificationAsync(harness, 2, "Прикрепите к сделке хотя бы одну фотографию");
        var firstContact = await Status("FIRST_CONTACT");
        await harness.WaitUntilAsync(async () => await StageOf(id) == firstContact, "the deal to go back to «Первый контакт»");

        // Photos attached: the app moves it to «Осмотр/фото» itself, and asks for the estimate.
        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["UF_CRM_PHOTOS"] = new JArray(new JObject { ["fileData"] = new JArray("hood.jpg", "aGVsbG8=") }) } });
        var inspection = await Status("INSPECTION");
        await harness.WaitUntilAsync(async () => await StageOf(id) == inspection, "the move to «Осмотр/фото»");
        await WaitForNotificationAsync(harness, 2, "сделайте расчёт стоимости");

        // The amount set while there: on to «Согласование».
        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["OPPORTUNITY"] = 15000 } });
        var approval = await Status("APPROVAL");
        await harness.WaitUntilAsync(async () => await StageOf(id) == approval, "the move to «Согласование»");
    }

    [Fact]
    public async Task DrivingSchool_TheoryStartsAMonthsControlTask_AndALeadLeftADayGoesToTheSupervisor()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var category = (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "driving-school")).Get(ResourceKey.Pipeline("new-client"))!.PortalId;
        var deal = (await harness.Portal.CallAsync("crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Ученица Мария", ["CATEGORY_ID"] = category, ["ASSIGNED_BY_ID"] = 3, ["UF_CRM_PASSPORT"] = "4510 123456" } })).Result!.Value<long>();
        await harness.WaitUntilAsync(async () => await harness.Store.Snapshots.GetAsync(harness.MemberId, "deal", deal) is not null, "the new deal to be seen");
        var lead = await AddLeadAsync(harness, "Заявка с сайта");
        await WaitForJobAsync(harness, $"lead-new-escalate:lead:{lead}:instage:NEW:");

        var before = TimeProvider.System.GetUtcNow();
        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = deal, ["fields"] = new JObject { ["STAGE_ID"] = await StatusAsync(harness, "new-client", "THEORY", "driving-school") } });

        bool IsControl(JToken t) => t["ufCrmTask"]!.Values<string>().Contains($"D_{deal}") && t.Value<string>("title")!.StartsWith("Контроль обучения теории", StringComparison.Ordinal);
        await harness.WaitUntilAsync(() => Task.FromResult(harness.Sandbox.State()["tasks"]!.Any(IsControl)), "the control task");
        var task = harness.Sandbox.State()["tasks"]!.Single(IsControl);
        Assert.Equal(("Контроль обучения теории: Ученица Мария", "3"), (task.Value<string>("title"), task.Value<string>("responsibleId")));
        var deadline = DateTimeOffset.Parse(task.Value<string>("deadline")!, CultureInfo.InvariantCulture);
        Assert.InRange(deadline, before.AddDays(27), before.AddDays(32));

        // A business day passes with the lead still new (the app down meanwhile): the head of sales (user 4) is told.
        harness.KillApp();
        await MakeDueAsync(harness, $"lead-new-escalate:lead:{lead}:", atLeast: 1);
        await harness.StartAppAsync();
        await WaitForNotificationAsync(harness, 4, "Лид «Заявка с сайта» не обрабатывается больше рабочего дня");
    }

    private static decimal? Money(JToken? value) =>
        value?.ToString() is { Length: > 0 } text && decimal.TryParse(text.Split('|')[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;

    private static List<JToken> Todos(AppHarness harness, long dealId) =>
        [.. harness.Sandbox.State()["activities"]!.Where(a => a.Value<long>("ownerId") == dealId && a.Value<int>("ownerTypeId") == 2)];

    private static async Task<long> AddRepairDealAsync(AppHarness harness, string title)
    {
        var category = (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "auto-dealer")).Get(ResourceKey.Pipeline("repair"))!.PortalId;
        var id = (await harness.Portal.CallAsync("crm.deal.add", new JObject
        {
            ["fields"] = new JObject { ["TITLE"] = title, ["CATEGORY_ID"] = category, ["STAGE_ID"] = await StatusAsync(harness, "repair", "INFO"), ["ASSIGNED_BY_ID"] = 3 },
        })).Result!.Value<long>();
        await harness.WaitUntilAsync(async () => await harness.Store.Snapshots.GetAsync(harness.MemberId, "deal", id) is not null, "the new deal to be seen");
        return id;
    }

    internal static async Task<long> AddLeadAsync(AppHarness harness, string title) =>
        (await harness.Portal.CallAsync("crm.lead.add", new JObject { ["fields"] = new JObject { ["TITLE"] = title, ["ASSIGNED_BY_ID"] = 2 } })).Result!.Value<long>();

    internal static async Task MoveLeadAsync(AppHarness harness, long id, string stage) =>
        await harness.Portal.CallAsync("crm.lead.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["STATUS_ID"] = await StatusAsync(harness, "leads", stage) } });

    /// <summary>The portal's id of a template stage: from the ledger, or for a portal default the template kept, its code.</summary>
    internal static async Task<string> StatusAsync(AppHarness harness, string flow, string stage, string template = "auto-dealer") =>
        (await harness.Store.Ledgers.LoadAsync(harness.MemberId, template)).Get(ResourceKey.Stage(flow, stage))?.Code ?? stage;

    /// <summary>Waits for the scheduled job with <paramref name="key"/>, or (a key ending in ':') the first whose key starts with it.</summary>
    private static async Task<Storage.Jobs.ScheduledJob> WaitForJobAsync(AppHarness harness, string key)
    {
        if (!key.EndsWith(':'))
        {
            Storage.Jobs.ScheduledJob? job = null;
            await harness.WaitUntilAsync(async () => (job = await harness.Store.Jobs.FindAsync($"{harness.MemberId}:{key}")) is not null, $"job {key}");
            return job!;
        }

        string? found = null;
        await harness.WaitUntilAsync(
            async () =>
            {
                await using var connection = new SqliteConnection($"Data Source={harness.StorePath}");
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT key FROM jobs WHERE key LIKE $pattern";
                command.Parameters.AddWithValue("$pattern", $"{harness.MemberId}:{key}%");
                found = await command.ExecuteScalarAsync() as string;
                return found is not null;
            },
            $"a job {key}…");
        return (await harness.Store.Jobs.FindAsync(found!))!;
    }

    /// <summary>Moves the due time of the scheduled checks whose key contains <paramref name="part"/> into the past.</summary>
    private static async Task MakeDueAsync(AppHarness harness, string part, int atLeast = 2)
    {
        await using var connection = new SqliteConnection($"Data Source={harness.StorePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE jobs SET due_at = 0 WHERE key LIKE $pattern";
        command.Parameters.AddWithValue("$pattern", $"%{part}%");
        Assert.True(await command.ExecuteNonQueryAsync() >= atLeast, "no scheduled checks to make due");
    }

    internal static Task WaitForNotificationAsync(AppHarness harness, int user, string text) =>
        harness.WaitUntilAsync(() => Task.FromResult(Notifications(harness).Any(n => n.User == user && n.Message.Contains(text, StringComparison.Ordinal))), $"a notification to user {user.ToString(CultureInfo.InvariantCulture)} with «{text}»");

    internal static List<(int User, string Message)> Notifications(AppHarness harness) =>
        [.. harness.Sandbox.State()["notifications"]!.Select(n => (n.Value<int>("userId"), n.Value<string>("message") ?? string.Empty))];
}
