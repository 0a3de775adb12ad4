using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Crm.Connector.Import;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Templates.Loading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Cli.Tests;

/// <summary>
/// <c>crm-connector import</c> and <c>import template</c> as a user runs them, against a sandbox portal's admin webhook
/// whose state the tests then read. Files are CSV (<c>;</c>, as Russian Excel saves them) made from the driving-school
/// layout's header.
/// </summary>
public sealed class ImportCommandTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _dir = Directory.CreateTempSubdirectory("crmc-import-").FullName;
    private Bitrix24Sandbox _portal = null!;
    private ImportLayout _layout = null!;

    private string Webhook => _portal.WebhookUrl.AbsoluteUri;

    public async Task InitializeAsync()
    {
        _portal = await Bitrix24Sandbox.StartAsync();
        var (path, error) = BuiltInTemplates.Catalog().Resolve("driving-school");
        Assert.True(path is not null, error);
        _layout = ImportLayout.For((await TemplateLoader.LoadFileAsync(path)).Template!);
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Template_DrivingSchool_WritesAnXlsxWhoseHeaderRowIsTheLayoutsColumns()
    {
        var path = Path.Combine(_dir, "template.xlsx");

        var run = await CliRun.Of("import", "template", "-t", "driving-school", "-o", path);

        Assert.True(run.ExitCode == 0, run.Error);
        await using var stream = File.OpenRead(path);
        var file = ImportFileReader.Read(stream, "template.xlsx", _layout); // refuses any other header or order
        Assert.Equal("xlsx", file.Format);
        Assert.Equal(["Дата создания", "Фамилия", "Имя", "Отчество", "Телефон", "E-mail", "Канал привлечения", "Примечание", "Примечание 2"], _layout.Columns.Take(9).Select(c => c.Header));
        Assert.Equal("Иванов", Assert.Single(file.Rows).Cells[_layout.IndexOf(ImportColumnKind.LastName)].Text); // the example row
    }

    [Fact]
    public async Task DryRun_MixedFile_PrintsThePreviewCounts()
    {
        await AddLeadAsync(new JObject { ["TITLE"] = "Уже в CRM", ["PHONE"] = Phone("+79170000001") });

        var run = await CliRun.Of("import", "-f", WriteMixedFile(), "-t", "driving-school", "-p", Webhook, "--dry-run");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("5 rows: ready 2, duplicates in file 1, in CRM 1, already imported 0, invalid 1. Nothing was written (--dry-run).", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_MixedFile_WritesNothingToThePortal()
    {
        await AddLeadAsync(new JObject { ["TITLE"] = "Уже в CRM", ["PHONE"] = Phone("+79170000001") });

        var run = await CliRun.Of("import", "-f", WriteMixedFile(), "-t", "driving-school", "-p", Webhook, "--dry-run");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["Уже в CRM"], Leads().Select(l => l.Value<string>("TITLE")));
        Assert.Empty(_portal.State()["comments"]!);
    }

    [Fact]
    public async Task Run_Json_PrintsCountsAScriptCanRead()
    {
        await AddLeadAsync(new JObject { ["TITLE"] = "Уже в CRM", ["PHONE"] = Phone("+79170000001") });

        var run = await CliRun.Of("import", "-f", WriteMixedFile(), "-t", "driving-school", "-p", Webhook, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var result = JObject.Parse(run.Out);
        Assert.Equal((2, 0, 2, 1, 0, 0), (result.Value<int>("Created"), result.Value<int>("Merged"), result.Value<int>("Skipped"), result.Value<int>("Invalid"), result.Value<int>("Failed"), result.Value<int>("CommentsFailed")));
        Assert.Equal(
            [(2, "Created"), (3, "Created"), (4, "Invalid"), (5, "Skipped"), (6, "Skipped")],
            result["Rows"]!.Select(r => (r.Value<int>("Line"), r.Value<string>("Outcome"))));
    }

    [Fact]
    public async Task Run_MixedFile_CreatesTheGoodRowsAsLeadsWithNormalisedPhones()
    {
        var existing = await AddLeadAsync(new JObject { ["TITLE"] = "Уже в CRM", ["PHONE"] = Phone("+79170000001") });

        var run = await CliRun.Of("import", "-f", WriteMixedFile(), "-t", "driving-school", "-p", Webhook, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var created = Leads().Where(l => l.Value<int>("ID") != existing).Select(l => (l.Value<string>("LAST_NAME"), l.Value<string>("NAME"), l["PHONE"]!.Single().Value<string>("VALUE")));
        Assert.Equal([("Иванов", "Евгений", "+79171234578"), ("Петров", "Пётр", "+79991259999")], created);
    }

    [Fact]
    public async Task Run_MixedFile_AddsTheNotesAsCommentsOnTheCreatedLead()
    {
        var run = await CliRun.Of("import", "-f", WriteMixedFile(), "-t", "driving-school", "-p", Webhook, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var ivanov = Leads().Single(l => l.Value<string>("LAST_NAME") == "Иванов").Value<int>("ID");
        var comments = _portal.State()["comments"]!.Select(c => (c.Value<int>("entityId"), c.Value<string>("entityType")?.ToUpperInvariant(), c.Value<string>("comment")));
        Assert.Equal([(ivanov, "LEAD", "Интересовался категорией B"), (ivanov, "LEAD", "Перезвонить вечером")], comments);
    }

    [Fact]
    public async Task Run_SameFileTwice_SecondRunCreatesNothing()
    {
        var file = WriteMixedFile();
        var first = await CliRun.Of("import", "-f", file, "-t", "driving-school", "-p", Webhook, "--json");
        Assert.True(first.ExitCode == 0, first.Error);
        var leadsAfterFirst = Leads().Count;

        var second = await CliRun.Of("import", "-f", file, "-t", "driving-school", "-p", Webhook, "--json");

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal((0, 4), (JObject.Parse(second.Out).Value<int>("Created"), JObject.Parse(second.Out).Value<int>("Skipped")));
        Assert.Equal(leadsAfterFirst, Leads().Count);
    }

    [Fact]
    public async Task Run_DuplicatesMerge_FillsOnlyTheEmptyFieldsOfTheExistingLead()
    {
        var id = await AddLeadAsync(new JObject { ["TITLE"] = "Евгений", ["NAME"] = "Евгений", ["PHONE"] = Phone("+7 917 123-45-78") });
        var file = WriteCsv(Row(lastName: "Иванов", firstName: "Иван", phone: "89171234578", email: "ivanov@example.ru"));

        var run = await CliRun.Of("import", "-f", file, "-t", "driving-school", "-p", Webhook, "--duplicates", "merge", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(1, JObject.Parse(run.Out).Value<int>("Merged"));
        var lead = Assert.Single(Leads());
        Assert.Equal((id, "Евгений", "Иванов", "ivanov@example.ru"), (lead.Value<int>("ID"), lead.Value<string>("NAME"), lead.Value<string>("LAST_NAME"), lead["EMAIL"]!.Single().Value<string>("VALUE")));
    }

    [Fact]
    public async Task Run_PngFile_ExitsNonZeroSayingItIsNotASpreadsheetAndWritesNothing()
    {
        var path = Path.Combine(_dir, "photo.png");
        await File.WriteAllBytesAsync(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);

        var run = await CliRun.Of("import", "-f", path, "-t", "driving-school", "-p", Webhook);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("«photo.png» не похож на таблицу", run.Error, StringComparison.Ordinal);
        Assert.Empty(Leads());
    }

    [Fact]
    public async Task Run_HeaderWithSwappedColumns_ExitsNonZeroNamingTheColumnAndWritesNothing()
    {
        var header = _layout.Columns.Select(c => c.Header).ToArray();
        (header[1], header[2]) = (header[2], header[1]); // «Имя» before «Фамилия»
        var path = Path.Combine(_dir, "swapped.csv");
        await File.WriteAllTextAsync(path, Csv(header) + "\r\n" + Csv(Row(lastName: "Иванов", firstName: "Евгений", phone: "+79171234578")) + "\r\n", new UTF8Encoding(false));

        var run = await CliRun.Of("import", "-f", path, "-t", "driving-school", "-p", Webhook);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Столбец 2 должен называться «Фамилия», в файле — «Имя»", run.Error, StringComparison.Ordinal);
        Assert.Empty(Leads());
    }

    [Fact]
    public async Task Run_WithReport_WritesTheRowsNotImportedWithTheirReasons()
    {
        await AddLeadAsync(new JObject { ["TITLE"] = "Уже в CRM", ["PHONE"] = Phone("+79170000001") });
        var report = Path.Combine(_dir, "report.xlsx");

        var run = await CliRun.Of("import", "-f", WriteMixedFile(), "-t", "driving-school", "-p", Webhook, "--report", report);

        Assert.True(run.ExitCode == 0, run.Error);
        var rows = ReadFirstSheet(report);
        Assert.Equal(["Строка", "Итог", "Причина"], rows[0].Take(3));
        Assert.Equal(["4", "5", "6"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(("Ошибка в строке", "Пропущен", "Пропущен"), (rows[1][1], rows[2][1], rows[3][1]));
        Assert.StartsWith("Телефон:", rows[1][2], StringComparison.Ordinal);
    }

    /// <summary>
    /// Line 2 and 3 good (phones in two formats), 4 a bad phone, 5 the phone of line 2 again, 6 the phone of the lead
    /// «Уже в CRM» the test may have added (+79170000001).
    /// </summary>
    private string WriteMixedFile() => WriteCsv(
        Row(lastName: "Иванов", firstName: "Евгений", phone: "8 (917) 123-45-78", note: "Интересовался категорией B", note2: "Перезвонить вечером"),
        Row(lastName: "Петров", firstName: "Пётр", phone: "+7(999) 125-99-99"),
        Row(lastName: "Сидоров", firstName: "Сидор", phone: "12345"),
        Row(lastName: "Иванова", firstName: "Анна", phone: "89171234578"),
        Row(lastName: "Кузнецов", firstName: "Кузьма", phone: "+7 917 000-00-01"));

    private string WriteCsv(params string[][] rows)
    {
        var path = Path.Combine(_dir, $"clients-{Guid.NewGuid():N}.csv");
        var lines = new[] { Csv([.. _layout.Columns.Select(c => c.Header)]) }.Concat(rows.Select(Csv));
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(false));
        return path;
    }

    private string[] Row(string lastName = "", string firstName = "", string phone = "", string email = "", string note = "", string note2 = "")
    {
        var cells = new string[_layout.Columns.Count];
        Array.Fill(cells, string.Empty);
        cells[_layout.IndexOf(ImportColumnKind.LastName)] = lastName;
        cells[_layout.IndexOf(ImportColumnKind.FirstName)] = firstName;
        cells[_layout.IndexOf(ImportColumnKind.Phone)] = phone;
        cells[_layout.IndexOf(ImportColumnKind.Email)] = email;
        cells[_layout.IndexOf(ImportColumnKind.Note)] = note;
        cells[_layout.IndexOf(ImportColumnKind.Note2)] = note2;
        return cells;
    }

    private static string Csv(string[] cells) =>
        string.Join(';', cells.Select(c => c.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : c));

    private static JArray Phone(string value) => [new JObject { ["VALUE"] = value, ["VALUE_TYPE"] = "WORK" }];

    private async Task<int> AddLeadAsync(JObject fields)
    {
        using var content = new StringContent(new JObject { ["fields"] = fields }.ToString(Formatting.None), Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(new Uri(_portal.WebhookUrl, "crm.lead.add"), content);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body["result"] is not null, body.ToString());
        return body.Value<int>("result");
    }

    private List<JToken> Leads() => [.. _portal.State()["items"]!["lead"]!.OrderBy(l => l.Value<int>("ID"))];

    /// <summary>The first sheet's rows as text, empty cells filled in (the writer leaves them out).</summary>
    private static List<string[]> ReadFirstSheet(string path)
    {
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        using var zip = ZipFile.OpenRead(path);
        using var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var rows = new List<string[]>();
        foreach (var row in XDocument.Load(sheet).Descendants(main + "row"))
        {
            var cells = row.Elements(main + "c").ToDictionary(c => Column((string)c.Attribute("r")!), c => string.Concat(c.Descendants(main + "t").Select(t => t.Value)));
            rows.Add([.. Enumerable.Range(0, cells.Count == 0 ? 0 : cells.Keys.Max() + 1).Select(i => cells.GetValueOrDefault(i, string.Empty))]);
        }

        return rows;
    }

    private static int Column(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetterUpper))
        {
            index = (index * 26) + (ch - 'A' + 1);
        }

        return index - 1;
    }
}
