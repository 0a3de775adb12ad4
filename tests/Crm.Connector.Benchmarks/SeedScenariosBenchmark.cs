using System.Diagnostics;
using System.Globalization;
using Crm.Connector.Installer;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Storage.Inbox;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Benchmarks;

/// <summary>
/// Each Bitrix24 seed's business processes driven through a sandbox portal (2 req/s, burst 50) with the app installed
/// from its template: what a manager does, step by step, and how many portal requests the app spent answering it —
/// reads, writes, notifications, tasks, to-dos, invoices, all batched. The driver's own requests are not counted.
/// Exit 1 when a scenario's expected result does not appear.
/// </summary>
internal static class SeedScenariosBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0)
        {
            await Console.Error.WriteLineAsync("seeds takes no options.");
            return 1;
        }

        Console.WriteLine("| seed, template | scenario | app requests | wall time |");
        Console.WriteLine("|---|---|---|---|");
        var failed = false;
        failed |= !await RunAsync("000, driving-school", "driving-school", DrivingSchoolAsync);
        failed |= !await RunAsync("001, auto-dealer", "auto-dealer", AutoDealerAsync);
        failed |= !await RunAsync("002, driving-school-office", "driving-school-office", OfficeAsync);
        failed |= !await RunAsync("004, body-shop", "body-shop", BodyShopAsync);
        return failed ? 1 : 0;
    }

    private static async Task<bool> RunAsync(string seed, string template, Func<Driver, Task<string>> scenario)
    {
        await using var setup = await FunctionAppBenchmark.Setup.StartAsync(new Bitrix24SandboxOptions { Burst = 50, DrainPerSecond = 2 }, seedDeals: 0, template);
        var driver = new Driver(setup, template);
        await driver.IdleAsync();
        setup.Sandbox.ResetStats();
        var clock = Stopwatch.StartNew();
        try
        {
            var steps = await scenario(driver);
            await driver.IdleAsync();
            Console.WriteLine($"| {seed} | {steps} | {setup.Sandbox.Stats.Requests - driver.Requests} | {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s |");
            return true;
        }
        catch (TimeoutException e)
        {
            Console.WriteLine($"| {seed} | FAILED: {e.Message} | – | – |");
            return false;
        }
    }

    private static async Task<string> DrivingSchoolAsync(Driver d)
    {
        var pipeline = await d.PipelineAsync("new-client");
        var deal = await d.CallAsync("crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Ученик", ["CATEGORY_ID"] = pipeline, ["UF_CRM_TEST_KOAP"] = 90, ["UF_CRM_TEST_SAFETY"] = 90, ["UF_CRM_TEST_VEHICLE"] = 90, ["UF_CRM_TEST_FIRST_AID"] = 90, ["UF_CRM_TEST_RULES"] = 90 } });
        await Driver.WaitAsync(() => d.Deal(deal)?.Value<string>("UF_CRM_TEST_ADMISSION") is "1", "admission");
        var goal = await d.ListItemAsync("lead", "UF_CRM_GOAL", "EMPLOYMENT");
        var lead = await d.CallAsync("crm.lead.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Кандидат", ["NAME"] = "Олег", ["ASSIGNED_BY_ID"] = 2, ["UF_CRM_GOAL"] = goal } });
        await d.SeenAsync("lead", lead);
        await d.CallAsync("crm.lead.update", new JObject { ["id"] = lead, ["fields"] = new JObject { ["STATUS_ID"] = await d.StatusAsync("leads", "CONVERTED") } });
        await Driver.WaitAsync(() => d.State()["items"]!["deal"]!.Any(x => x.Value<string>("LEAD_ID") == lead), "the routed deal");
        return "scores → admission; a new lead (notify); qualified candidate → contact + deal in «Подбор инструкторов»";
    }

    private static async Task<string> AutoDealerAsync(Driver d)
    {
        var lead = await d.CallAsync("crm.lead.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Иван", ["ASSIGNED_BY_ID"] = 2 } });
        await Driver.WaitAsync(() => d.State()["notifications"]!.Any(n => n.Value<string>("message")!.Contains("Иван", StringComparison.Ordinal)), "the new-lead notification");
        await d.CallAsync("crm.lead.update", new JObject { ["id"] = lead, ["fields"] = new JObject { ["STATUS_ID"] = await d.StatusAsync("leads", "CLARIFY") } });
        await Driver.WaitAsync(() => d.State()["tasks"]!.Any(t => t["ufCrmTask"]!.Values<string>().Contains($"L_{lead}")), "the call-back task");
        var deal = await d.CallAsync("crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Ремонт", ["CATEGORY_ID"] = await d.PipelineAsync("repair"), ["STAGE_ID"] = await d.StatusAsync("repair", "INFO"), ["ASSIGNED_BY_ID"] = 3 } });
        await d.SeenAsync("deal", deal);
        await d.CallAsync("crm.deal.update", new JObject { ["id"] = deal, ["fields"] = new JObject { ["STAGE_ID"] = await d.StatusAsync("repair", "CHANGED_MIND") } });
        await Driver.WaitAsync(() => d.Deal(deal)?.Value<string>("STAGE_ID") == d.StatusAsync("repair", "INFO").GetAwaiter().GetResult(), "the return for a missing reason");
        await d.CallAsync("crm.deal.update", new JObject { ["id"] = deal, ["fields"] = new JObject { ["STAGE_ID"] = await d.StatusAsync("repair", "CHANGED_MIND"), ["UF_CRM_REFUSAL_REASON"] = "дорого" } });
        await Driver.WaitAsync(() => d.State()["activities"]!.Any(a => a.Value<string>("ownerId") == deal), "the refusal call-back");
        return "new lead → notify + 2 follow-ups scheduled; «Уточняющий звонок» → task; lost without reason → back; with reason → call-back next month";
    }

    private static async Task<string> OfficeAsync(Driver d)
    {
        var lead = await d.CallAsync("crm.lead.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Запись", ["ASSIGNED_BY_ID"] = 2 } });
        await Driver.WaitAsync(() => d.Lead(lead)?.Value<string>("UF_CRM_REGISTRAR") == "1", "the registrar");
        await d.CallAsync("crm.lead.update", new JObject { ["id"] = lead, ["fields"] = new JObject { ["STATUS_ID"] = await d.StatusAsync("leads", "REFUSED") } });
        await Driver.WaitAsync(() => d.State()["notifications"]!.Any(n => n.Value<string>("message")!.Contains("Выберите причину", StringComparison.Ordinal)), "the reason request");
        return "new lead → registrar; «Отказ» without a reason → back, asked";
    }

    private static async Task<string> BodyShopAsync(Driver d)
    {
        var contact = await d.CallAsync("crm.contact.add", new JObject { ["fields"] = new JObject { ["NAME"] = "Павел", ["EMAIL"] = new JArray(new JObject { ["VALUE"] = "pavel@example.com", ["VALUE_TYPE"] = "WORK" }) } });
        var deal = await d.CallAsync("crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Рихтовка", ["CATEGORY_ID"] = await d.PipelineAsync("body-repair"), ["CONTACT_ID"] = contact, ["OPPORTUNITY"] = 10000, ["ASSIGNED_BY_ID"] = 2 } });
        await d.SeenAsync("deal", deal);
        await d.CallAsync("crm.deal.update", new JObject { ["id"] = deal, ["fields"] = new JObject { ["UF_CRM_PAYMENTS"] = new JArray("2000|RUB") } });
        await Driver.WaitAsync(() => d.Deal(deal)?.Value<string>("UF_CRM_REMAINING")?.StartsWith("8000", StringComparison.Ordinal) == true, "the remainder");
        await d.Setup.Sandbox.RunRobotAsync("crmc.invoice", $"DEAL_{deal}", new Dictionary<string, string> { ["split"] = "Y" });
        await Driver.WaitAsync(() => d.State()["invoices"]!.Any(i => i.Value<string>("parentId2") == deal), "the invoice");
        return "payments → paid / remaining; invoice robot (split) → prepayment invoice, e-mail, notice, «Ждем машину»";
    }

    /// <summary>The manager's side: REST calls through the portal's webhook, counted so they can be told apart from the app's.</summary>
    private sealed class Driver(FunctionAppBenchmark.Setup setup, string template)
    {
        public FunctionAppBenchmark.Setup Setup => setup;

        public int Requests { get; private set; }

        public async Task<string> CallAsync(string method, JObject parameters)
        {
            Requests++;
            return (await setup.Portal.CallAsync(method, parameters)).Result!.ToString();
        }

        public JObject State() => setup.Sandbox.State();

        public JToken? Deal(string id) => State()["items"]!["deal"]!.FirstOrDefault(x => x.Value<string>("ID") == id);

        public JToken? Lead(string id) => State()["items"]!["lead"]!.FirstOrDefault(x => x.Value<string>("ID") == id);

        public async Task<string> PipelineAsync(string key) => (await setup.Store.Ledgers.LoadAsync(setup.MemberId, template)).Get(ResourceKey.Pipeline(key))!.PortalId;

        public async Task<string> StatusAsync(string flow, string stage) =>
            (await setup.Store.Ledgers.LoadAsync(setup.MemberId, template)).Get(ResourceKey.Stage(flow, stage))?.Code ?? stage;

        public async Task<string> ListItemAsync(string entity, string field, string code)
        {
            Requests++;
            var service = entity == "lead" ? setup.Portal.Crm.Leads : setup.Portal.Crm.Deals;
            return (await service.UserFields.ListAsync()).Single(f => f.FieldName == field).List!.Single(i => i.XmlId == code).Id!.Value.ToString(CultureInfo.InvariantCulture);
        }

        public Task SeenAsync(string entity, string id) =>
            WaitAsync(() => setup.Store.Snapshots.GetAsync(setup.MemberId, entity, long.Parse(id, CultureInfo.InvariantCulture)).GetAwaiter().GetResult() is not null, $"{entity} {id} to be seen");

        public static async Task WaitAsync(Func<bool> condition, string what)
        {
            var clock = Stopwatch.StartNew();
            while (!condition())
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new TimeoutException(what);
                }

                await Task.Delay(50);
            }
        }

        /// <summary>Until the portal has sent every event and the app's inbox is empty.</summary>
        public async Task IdleAsync()
        {
            await setup.Sandbox.WaitForEventsAsync();
            await WaitAsync(() => setup.Store.Inbox.CountAsync(setup.MemberId).GetAwaiter().GetResult().GetValueOrDefault(InboxStatus.Pending) == 0, "the inbox to drain");
            await Task.Delay(300);
            await setup.Sandbox.WaitForEventsAsync();
        }
    }
}
