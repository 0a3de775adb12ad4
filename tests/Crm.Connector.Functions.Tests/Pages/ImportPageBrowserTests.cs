using Crm.Connector.Functions.Tests.EndToEnd;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.Pages;

/// <summary>
/// «Загрузка из Excel» (seed 002) in a real browser through the sandbox portal: a file with good, bad and duplicate rows
/// is shown row by row with its problems, imported with progress, and the portal holds exactly the good clients — phones
/// in one form, notes on their timelines; the report lists the rest; the same file again creates nothing.
/// </summary>
public sealed class ImportPageBrowserTests
{
    [BrowserFact]
    public async Task Admin_ImportsGoodBadAndDuplicateRows_OnlyTheGoodOnesAreCreated_AndARerunCreatesNothing()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        harness.Sandbox.SetAppHandler(new Uri(harness.AppUrl, "api/app"));
        var existing = (await harness.Portal.CallAsync("crm.lead.add", new JObject
        {
            ["fields"] = new JObject { ["TITLE"] = "Сидоров", ["PHONE"] = new JArray(new JObject { ["VALUE"] = "+79171112233", ["VALUE_TYPE"] = "WORK" }) },
        })).Result!.Value<long>();
        var layout = await ImportFiles.DrivingSchoolAsync();
        var file = Path.Combine(Path.GetTempPath(), $"clients-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(file, ImportFiles.Csv(layout,
        [
            new Dictionary<string, string> { ["Дата создания"] = "01.02.2024 10:00:00", ["Фамилия"] = "Иванов", ["Имя"] = "Пётр", ["Телефон"] = "+7(999) 125-99-99", ["Канал привлечения"] = "Веб-сайт", ["Примечание"] = "Интересовался категорией B", ["Примечание 2"] = "Перезвонить в феврале" },
            new Dictionary<string, string> { ["Дата создания"] = "02.02.2024", ["Фамилия"] = "<img src=x onerror=\"window.__xss=1\">", ["Имя"] = "Анна", ["Телефон"] = "81234657885", ["Канал привлечения"] = "Сарафанное радио" },
            new Dictionary<string, string> { ["Дата создания"] = "31.02.2024", ["Фамилия"] = "Ошибкин", ["Телефон"] = "12-34" },
            new Dictionary<string, string> { ["Фамилия"] = "Иванов (повтор)", ["Телефон"] = "8 999 125 99 99" },
            new Dictionary<string, string> { ["Фамилия"] = "Сидоров", ["Телефон"] = "+7 917 111-22-33" },
        ]));
        await using var browser = await PortalBrowser.StartAsync();

        await browser.Page.GotoAsync(harness.Sandbox.AppPageUrl(1).AbsoluteUri);
        await browser.AppFrame.GetByRole(AriaRole.Button, new() { Name = "Загрузка из Excel" }).ClickAsync();
        await browser.AppFrame.Locator("#file").SetInputFilesAsync(file);
        await browser.AppFrame.Locator("#upload-form button[type=submit]").ClickAsync();

        // Every row with what will happen to it and why; the markup in a cell is shown as text, never run.
        var counts = browser.AppFrame.Locator("#preview-counts");
        await Assertions.Expect(counts).ToContainTextAsync("Строк в файле: 5; будут созданы: 2; дубли в файле: 1; уже есть в CRM: 1");
        await Assertions.Expect(browser.AppFrame.Locator("#preview-table")).ToContainTextAsync("<img src=x");
        Assert.Equal("undefined", await browser.AppFrame.Locator("body").EvaluateAsync<string>("() => typeof window.__xss"));
        var bad = browser.AppFrame.Locator("#preview-table tr", new() { HasText = "Ошибкин" });
        await Assertions.Expect(bad).ToContainTextAsync("Телефон");
        await Assertions.Expect(bad).ToContainTextAsync("Дата создания");
        await Assertions.Expect(browser.AppFrame.Locator("#preview-table tbody tr")).ToHaveCountAsync(5);
        await browser.ScreenshotAsync("import-preview");

        await browser.AppFrame.Locator("#run-form button[type=submit]").ClickAsync();
        await Assertions.Expect(browser.AppFrame.Locator("#import-text")).ToContainTextAsync("Готово: создано 2", new() { Timeout = 60_000 });
        await browser.ScreenshotAsync("import-done");

        // The portal: the two good clients, phones in one form, the first one's notes on its timeline; the CRM's duplicate untouched.
        var leads = harness.Sandbox.State()["items"]!["lead"]!.Where(l => l.Value<long>("ID") != existing).ToList();
        Assert.Equal(["+71234657885", "+79991259999"], leads.SelectMany(l => l["PHONE"]!.Select(p => p.Value<string>("VALUE")!)).Order(StringComparer.Ordinal));
        var ivanov = leads.Single(l => l["PHONE"]!.Any(p => p.Value<string>("VALUE") == "+79991259999")).Value<long>("ID");
        var comments = harness.Sandbox.State()["comments"]!.Where(c => c.Value<long>("entityId") == ivanov && c.Value<string>("entityType") == "lead").Select(c => c.Value<string>("comment")!).ToList();
        Assert.Contains(comments, c => c.Contains("Интересовался категорией B", StringComparison.Ordinal));
        Assert.Contains(comments, c => c.Contains("Перезвонить в феврале", StringComparison.Ordinal));
        var download = await browser.Page.RunAndWaitForDownloadAsync(() => browser.AppFrame.Locator("#report-form button[type=submit]").ClickAsync());
        Assert.Equal("import-report.xlsx", download.SuggestedFilename);

        // The same file again: both good rows are recognised as imported, nothing is created.
        await browser.AppFrame.GetByRole(AriaRole.Button, new() { Name = "Загрузка из Excel" }).ClickAsync();
        await browser.AppFrame.Locator("#file").SetInputFilesAsync(file);
        await browser.AppFrame.Locator("#upload-form button[type=submit]").ClickAsync();
        await Assertions.Expect(counts).ToContainTextAsync("будут созданы: 0");
        await Assertions.Expect(counts).ToContainTextAsync("уже загружены раньше: 2");
        Assert.Equal(3, harness.Sandbox.State()["items"]!["lead"]!.Count());
        File.Delete(file);
    }
}
