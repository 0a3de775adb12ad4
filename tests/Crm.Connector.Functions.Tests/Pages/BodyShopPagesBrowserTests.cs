using System.Globalization;
using Crm.Connector.Functions.Tests.EndToEnd;
using Crm.Connector.Installer;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.Pages;

/// <summary>
/// The body shop (seed 004) in a real browser, through the sandbox portal's own pages: the admin opens the app from
/// the menu and sets who the senior appraiser is — the next automation tells that person; a manager may look but not
/// change; the deal card's «Выставить счет» issues half as prepayment, once, and moves the deal on.
/// </summary>
public sealed class BodyShopPagesBrowserTests
{
    private static readonly Dictionary<string, string> BodyShop = new() { ["Bitrix24__DefaultTemplate"] = "body-shop" };

    [BrowserFact]
    public async Task Admin_SetsTheSeniorAppraiser_TheNextAutomationTellsThem_AManagerCannotChangeIt()
    {
        await using var harness = await StartAsync();
        await using var browser = await PortalBrowser.StartAsync();

        // The admin opens the app from the portal's menu: the main page in the portal's frame.
        await browser.Page.GotoAsync(harness.Sandbox.AppPageUrl(1).AbsoluteUri);
        await Assertions.Expect(browser.AppFrame.Locator("#template")).ToContainTextAsync("body-shop");
        await Assertions.Expect(browser.AppFrame.Locator("#robots")).ToContainTextAsync("crmc.invoice");
        await browser.ScreenshotAsync("main-page");

        // Settings: the senior appraiser is Виктор (user 4).
        await browser.AppFrame.GetByRole(AriaRole.Button, new() { Name = "Настройки" }).ClickAsync();
        await browser.AppFrame.Locator("select[name='position:senior-manager']").SelectOptionAsync("4");
        await browser.AppFrame.Locator("#settings-form button[type=submit]").ClickAsync();
        await Assertions.Expect(browser.AppFrame.Locator(".notice.ok")).ToContainTextAsync("Настройки сохранены");
        await browser.ScreenshotAsync("settings");
        Assert.Equal("4", (await harness.Store.Installations.GetAsync(harness.MemberId))!.Settings["positions"]!.Value<string>("senior-manager"));

        // The next automation: a fleet client's deal reaches «Осмотр/фото» — Виктор hears of it.
        var fleet = await AutomationFlowTests.ListItemIdAsync(harness, "contact", "UF_CRM_CLIENT_KIND", "FLEET");
        var contact = (await harness.Portal.CallAsync("crm.contact.add", new JObject { ["fields"] = new JObject { ["NAME"] = "ООО Автопарк", ["UF_CRM_CLIENT_KIND"] = fleet } })).Result!.Value<long>();
        var deal = await AddDealAsync(harness, "Газель после ДТП", contact, 0);
        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = deal, ["fields"] = new JObject { ["STAGE_ID"] = await AutomationFlowTests.StatusAsync(harness, "body-repair", "INSPECTION", "body-shop") } });
        await AutomationFlowTests.WaitForNotificationAsync(harness, 4, "Приоритетный клиент по сделке «Газель после ДТП»");

        // A manager opens the same page: the settings are shown, not editable; nothing changes.
        await browser.Page.GotoAsync(harness.Sandbox.AppPageUrl(2).AbsoluteUri);
        await browser.AppFrame.GetByRole(AriaRole.Button, new() { Name = "Настройки" }).ClickAsync();
        await Assertions.Expect(browser.AppFrame.Locator("#settings")).ToContainTextAsync("только администратор портала");
        await Assertions.Expect(browser.AppFrame.Locator("select[name='position:senior-manager']")).ToBeDisabledAsync();
        Assert.Equal(0, await browser.AppFrame.Locator("#settings-form").CountAsync());
        Assert.Single(await harness.Store.Audit.ListAsync(harness.MemberId), a => a.Action == "settings");
    }

    [BrowserFact]
    public async Task Manager_PressesTheDealCardButton_HalfAsPrepayment_OneInvoiceAndTheDealMovesOn()
    {
        await using var harness = await StartAsync();
        await using var browser = await PortalBrowser.StartAsync();
        var contact = (await harness.Portal.CallAsync("crm.contact.add", new JObject
        {
            ["fields"] = new JObject { ["NAME"] = "Павел", ["EMAIL"] = new JArray(new JObject { ["VALUE"] = "pavel@example.com", ["VALUE_TYPE"] = "WORK" }) },
        })).Result!.Value<long>();
        var deal = await AddDealAsync(harness, "Рихтовка двери", contact, 30_000);
        await harness.Portal.CallAsync("crm.deal.update", new JObject { ["id"] = deal, ["fields"] = new JObject { ["STAGE_ID"] = await AutomationFlowTests.StatusAsync(harness, "body-repair", "APPROVAL", "body-shop") } });

        // The manager (Анна) presses «Выставить счет» on the deal card and chooses half as prepayment.
        await browser.Page.GotoAsync(harness.Sandbox.DealCardUrl((int)deal, 2).AbsoluteUri);
        await browser.Page.Locator("button[data-placement-handler]", new() { HasText = "Выставить счет" }).ClickAsync();
        var half = browser.AppFrame.Locator("#invoice-half");
        await Assertions.Expect(half).ToContainTextAsync("15 000,00");
        await browser.ScreenshotAsync("invoice-button");
        await half.ClickAsync();
        await Assertions.Expect(browser.AppFrame.Locator("#invoice-status")).ToHaveTextAsync("Готово:", new() { Timeout = 60_000 });
        await Assertions.Expect(browser.AppFrame.Locator("#invoice-lines")).ToContainTextAsync("Ждем машину");
        await browser.ScreenshotAsync("invoice-done");

        // One invoice of half the amount, marked prepayment, sent to the contact; the deal in «Ждем машину».
        var invoice = Assert.Single(harness.Sandbox.State()["invoices"]!, i => i.Value<long>("parentId2") == deal);
        Assert.Equal(("15000.00", "Предоплата"), (invoice.Value<string>("opportunity"), invoice.Value<string>("comments")));
        var waitCar = await AutomationFlowTests.StatusAsync(harness, "body-repair", "WAIT_CAR", "body-shop");
        Assert.Equal(waitCar, (await harness.Portal.CallAsync("crm.deal.get", new JObject { ["id"] = deal })).Result!.Value<string>("STAGE_ID"));
        await AutomationFlowTests.WaitForNotificationAsync(harness, 2, "Все ОК, ожидаем машину");

        // The same press sent again (a resent form) makes no second invoice.
        await browser.AppFrame.Locator("#status-form").EvaluateAsync("f => { f.querySelector('[name=step]').value = 'run'; const s = document.createElement('input'); s.name = 'split'; s.value = 'Y'; f.appendChild(s); f.submit(); }");
        await Assertions.Expect(browser.AppFrame.Locator("#invoice-status")).ToHaveTextAsync("Готово:", new() { Timeout = 60_000 });
        await harness.Sandbox.WaitForEventsAsync();
        Assert.Single(harness.Sandbox.State()["invoices"]!, i => i.Value<long>("parentId2") == deal);
    }

    private static async Task<AppHarness> StartAsync()
    {
        var harness = await AppHarness.StartAsync(settings: BodyShop);
        await harness.InstallAsync();
        harness.Sandbox.SetAppHandler(new Uri(harness.AppUrl, "api/app"));
        return harness;
    }

    private static async Task<long> AddDealAsync(AppHarness harness, string title, long contact, decimal amount)
    {
        var category = (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "body-shop")).Get(ResourceKey.Pipeline("body-repair"))!.PortalId;
        var id = (await harness.Portal.CallAsync("crm.deal.add", new JObject
        {
            ["fields"] = new JObject { ["TITLE"] = title, ["CATEGORY_ID"] = category, ["CONTACT_ID"] = contact, ["OPPORTUNITY"] = amount.ToString(CultureInfo.InvariantCulture), ["ASSIGNED_BY_ID"] = 2 },
        })).Result!.Value<long>();
        await harness.WaitUntilAsync(async () => await harness.Store.Snapshots.GetAsync(harness.MemberId, "deal", id) is not null, "the new deal to be seen");
        return id;
    }
}
