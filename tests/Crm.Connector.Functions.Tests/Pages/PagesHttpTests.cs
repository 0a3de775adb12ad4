using Crm.Connector.Functions.Tests.EndToEnd;

namespace Crm.Connector.Functions.Tests.Pages;

/// <summary>
/// The portal pages' security over HTTP: a frame POST is believed only when the portal confirms its token; a page's
/// session is signed and short-lived; a manager or another site cannot change settings — and a refused request writes
/// nothing.
/// </summary>
public sealed class PagesHttpTests
{
    [Fact]
    public async Task FramePost_ForgedExpiredForeignOrUnknown_Refused_AndTheRealOneOpensTheMainPage()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();

        var forged = PageClient.Frame(harness, 1).WithField("AUTH_ID", "forged-token-0123456789");
        var (status, body, _) = await PageClient.SendAsync(harness, forged);
        Assert.Equal(403, status);
        Assert.Contains("не подтвердил ключ доступа", body, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"session\"", body, StringComparison.Ordinal);

        var unknown = PageClient.Frame(harness, 1).WithField("member_id", "not-our-portal");
        Assert.Equal(403, (await PageClient.SendAsync(harness, unknown)).Status);

        var elsewhere = PageClient.Frame(harness, 1);
        elsewhere = elsewhere with { Query = [.. elsewhere.Query.Select(p => p.Key == "DOMAIN" ? new KeyValuePair<string, string>("DOMAIN", "evil.example.com") : p)] };
        (status, body, _) = await PageClient.SendAsync(harness, elsewhere);
        Assert.Equal(403, status);
        Assert.Contains("не совпадает", body, StringComparison.Ordinal);

        var stale = PageClient.Frame(harness, 1);
        harness.Sandbox.ExpireAccessTokens();
        (status, body, _) = await PageClient.SendAsync(harness, stale);
        Assert.Equal(401, status);
        Assert.Contains("истекла", body, StringComparison.Ordinal);

        // A fresh POST: the main page, framed only by the portal, with scripts and styles limited to the page's nonce.
        (status, body, var response) = await PageClient.SendAsync(harness, PageClient.Frame(harness, 1));
        Assert.Equal(200, status);
        Assert.Contains("CRM для автошколы", body, StringComparison.Ordinal);
        Assert.Contains("администратор портала", body, StringComparison.Ordinal);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors " + harness.Sandbox.BaseUrl.GetLeftPart(UriPartial.Authority), policy, StringComparison.Ordinal);

        // The session a page carries, altered by one character, opens nothing.
        var session = PageClient.Session(body);
        var altered = session[..^1] + (session[^1] == 'a' ? 'b' : 'a');
        Assert.Equal(401, (await PageClient.PostAsync(harness, "api/app", altered, [])).Status);
        Assert.Equal(200, (await PageClient.PostAsync(harness, "api/app", session, [])).Status);
    }

    [Fact]
    public async Task Settings_ManagerOrOtherSite_Refused_BadValueNamed_AdminSavesWithAudit()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var before = (await harness.Store.Installations.GetAsync(harness.MemberId))!.Settings.ToString();
        var good = new Dictionary<string, string> { ["step"] = "save", ["timeZone"] = "Asia/Yekaterinburg", ["holidays"] = "2027-01-01, 2027-01-07", ["supervisor"] = "4" };

        // A manager sees the settings, read-only, and a save posted anyway is refused.
        var manager = PageClient.Session((await PageClient.SendAsync(harness, PageClient.Frame(harness, 2, "api/app/settings"))).Body);
        var (status, body) = await PageClient.PostAsync(harness, "api/app/settings", manager, [.. good, new("workDays", "mon")]);
        Assert.Equal(403, status);
        Assert.Contains("только администратор", body, StringComparison.Ordinal);

        // The admin's session posted from another site is refused too.
        var admin = PageClient.Session((await PageClient.SendAsync(harness, PageClient.Frame(harness, 1, "api/app/settings"))).Body);
        (status, _) = await PageClient.PostAsync(harness, "api/app/settings", admin, [.. good, new("workDays", "mon")], origin: "https://evil.example.com");
        Assert.Equal(403, status);

        // A bad value is named with its fix, and nothing is saved.
        (status, body) = await PageClient.PostAsync(harness, "api/app/settings", admin, [.. good.Where(p => p.Key != "holidays"), new("holidays", "31.12.2026"), new("workDays", "mon")]);
        Assert.Equal(400, status);
        Assert.Contains("holidays: '31.12.2026' is not a date", body, StringComparison.Ordinal);
        Assert.Equal(before, (await harness.Store.Installations.GetAsync(harness.MemberId))!.Settings.ToString());
        Assert.DoesNotContain(await harness.Store.Audit.ListAsync(harness.MemberId), a => a.Action == "settings");

        // The admin's save, from the page: stored as the automations read it, with who changed what.
        (status, body) = await PageClient.PostAsync(harness, "api/app/settings", admin, [.. good, new("workDays", "mon"), new("workDays", "tue"), new("workDays", "wed"), new("workDays", "thu"), new("workDays", "fri"), new("workDays", "sat")]);
        Assert.Equal(200, status);
        Assert.Contains("Настройки сохранены", body, StringComparison.Ordinal);
        var settings = (await harness.Store.Installations.GetAsync(harness.MemberId))!.Settings;
        Assert.Equal(("Asia/Yekaterinburg", "4", 6, 2), (settings.Value<string>("timeZone"), settings.Value<string>("supervisor"), settings["workDays"]!.Count(), settings["holidays"]!.Count()));
        var audit = Assert.Single(await harness.Store.Audit.ListAsync(harness.MemberId), a => a.Action == "settings");
        Assert.Contains("user 1", audit.Cause, StringComparison.Ordinal);
        Assert.Equal("Asia/Yekaterinburg", audit.Detail["changes"]!["timeZone"]!.Value<string>("to"));
    }

    [Fact]
    public async Task Import_BadFiles_AndAManager_GetAClearMessage_AndNothingIsStoredOrWritten()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var layout = await ImportFiles.DrivingSchoolAsync();
        var admin = PageClient.Session((await PageClient.SendAsync(harness, PageClient.Frame(harness, 1, "api/app/import"))).Body);
        var leadsBefore = harness.Sandbox.State()["items"]!["lead"]!.Count();

        // A picture named .xlsx: not a spreadsheet.
        var (status, body) = await PageClient.UploadAsync(harness, admin, "clients.xlsx", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        Assert.Equal(400, status);
        Assert.Contains("не похож на таблицу", body, StringComparison.Ordinal);

        // Columns moved: the message names the column and where it must be.
        var swapped = System.Text.Encoding.UTF8.GetBytes(string.Join(';', layout.Columns.Select((c, i) => i == 1 ? layout.Columns[2].Header : i == 2 ? layout.Columns[1].Header : c.Header)) + "\n");
        (status, body) = await PageClient.UploadAsync(harness, admin, "clients.csv", swapped);
        Assert.Equal(400, status);
        Assert.Contains("Столбец 2 должен называться «Фамилия»", body, StringComparison.Ordinal);

        // 100,000 rows: refused with the count and the advice to split.
        var many = ImportFiles.Csv(layout, Enumerable.Range(0, 100_000).Select(i => new Dictionary<string, string> { ["Телефон"] = "+7917" + i.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture) }));
        (status, body) = await PageClient.UploadAsync(harness, admin, "many.csv", many);
        Assert.Equal(400, status);
        Assert.Contains("Разделите файл", body, StringComparison.Ordinal);

        // 30 MB: refused before it is read.
        (status, body) = await PageClient.UploadAsync(harness, admin, "huge.csv", new byte[30 * 1024 * 1024]);
        Assert.Equal(413, status);
        Assert.Contains("Файл слишком большой", body, StringComparison.Ordinal);

        // A manager may not import at all.
        var manager = PageClient.Session((await PageClient.SendAsync(harness, PageClient.Frame(harness, 2, "api/app/import"))).Body);
        (status, body) = await PageClient.UploadAsync(harness, manager, "clients.csv", ImportFiles.Csv(layout, [new Dictionary<string, string> { ["Телефон"] = "+79170000001" }]));
        Assert.Equal(403, status);
        Assert.Contains("только администратор", body, StringComparison.Ordinal);

        Assert.Empty(await harness.Store.FileImports.ListAsync(harness.MemberId));
        Assert.Equal(leadsBefore, harness.Sandbox.State()["items"]!["lead"]!.Count());
    }

    [Fact]
    public async Task Settings_TemplateChange_ShowsThePlanFirst_ThenTheAdminApplies_AndAManagerCannot()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var admin = PageClient.Session((await PageClient.SendAsync(harness, PageClient.Frame(harness, 1, "api/app/settings"))).Body);
        var manager = PageClient.Session((await PageClient.SendAsync(harness, PageClient.Frame(harness, 2, "api/app/settings"))).Body);

        Assert.Equal(403, (await PageClient.PostAsync(harness, "api/app/settings", manager, [new("step", "plan"), new("template", "body-shop")])).Status);

        // The plan first: what body-shop would create; nothing is written yet.
        var ledgerBefore = (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "body-shop")).Entries.Count;
        var (status, body) = await PageClient.PostAsync(harness, "api/app/settings", admin, [new("step", "plan"), new("template", "body-shop")]);
        Assert.Equal(200, status);
        Assert.Contains("id=\"plan-table\"", body, StringComparison.Ordinal);
        Assert.Contains("Кузовной ремонт", body, StringComparison.Ordinal);
        Assert.Contains("id=\"apply-form\"", body, StringComparison.Ordinal);
        Assert.Equal("driving-school", (await harness.Store.Installations.GetAsync(harness.MemberId))!.TemplateKey);
        Assert.Equal(ledgerBefore, (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "body-shop")).Entries.Count);

        // An unknown template is named, nothing applied; then the admin applies body-shop.
        (status, body) = await PageClient.PostAsync(harness, "api/app/settings", admin, [new("step", "apply"), new("template", "no-such-template")]);
        Assert.Contains("не найден", body, StringComparison.Ordinal);
        (status, body) = await PageClient.PostAsync(harness, "api/app/settings", admin, [new("step", "apply"), new("template", "body-shop")]);
        Assert.Equal(200, status);
        Assert.Contains("Шаблон «body-shop» применён", body, StringComparison.Ordinal);
        Assert.Equal("body-shop", (await harness.Store.Installations.GetAsync(harness.MemberId))!.TemplateKey);
        Assert.Contains(harness.Sandbox.State()["placements"]!, p => p.ToString().Contains("api/app/placements/invoice-button", StringComparison.Ordinal));
        var reapply = Assert.Single(await harness.Store.Audit.ListAsync(harness.MemberId), a => a.Action == "reapply");
        Assert.Contains("user 1", reapply.Cause, StringComparison.Ordinal);
    }
}
