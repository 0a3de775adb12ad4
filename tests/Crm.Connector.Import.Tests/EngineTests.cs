using Crm.Connector.Bitrix24;
using Crm.Connector.Import.Bitrix24;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.Bitrix24;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Import.Tests;

/// <summary>The engine against a sandbox portal over loopback, through the real Bitrix24 client.</summary>
public sealed class EngineTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
    private Bitrix24Sandbox _sandbox = null!;
    private Bitrix24Client _client = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions());
        _client = Bitrix24Client.ForWebhook(_sandbox.WebhookUrl, new Bitrix24ClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System) });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_GoodBadAndDuplicateRows_LeadsWithPhonesSourceDateAndComments()
    {
        var file = Fixtures.Read(Fixtures.Csv(
        [
            Fixtures.Row("8 (917) 123-45-78", "Иванов", "Евгений", "01.01.2000 12:34:00", "Веб-сайт", "Категория B", "Вывеска на Камалеева"),
            Fixtures.Row("+7(999) 125-99-99", "Петров", channel: "Нет такого"),
            Fixtures.Row("12345", "Сидоров"),
            Fixtures.Row("89171234578", "Иванов-дубль"),
        ]));

        var result = await Engine().RunAsync(Fixtures.Layout, file, DuplicateChoice.Skip);

        Assert.Equal((2, 1, 1, 0), (result.Created, result.Invalid, result.Skipped, result.Failed));
        var leads = Leads();
        var ivanov = leads.Single(l => l.Value<string>("LAST_NAME") == "Иванов");
        Assert.Equal("+79171234578", ivanov["PHONE"]![0]!.Value<string>("VALUE"));
        Assert.Equal("WEB", ivanov.Value<string>("SOURCE_ID"));
        Assert.Equal("Иванов Евгений", ivanov.Value<string>("TITLE"));
        Assert.Equal(new DateTimeOffset(2000, 1, 1, 12, 34, 0, TimeSpan.FromHours(3)), DateTimeOffset.Parse(ivanov.Value<string>("DATE_CREATE")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["Категория B", "Вывеска на Камалеева"], Comments(ivanov.Value<int>("ID")));
        var petrov = leads.Single(l => l.Value<string>("LAST_NAME") == "Петров");
        Assert.Equal(FirstSource(), petrov.Value<string>("SOURCE_ID"));
        Assert.Contains(result.Rows, r => r.Row.Line == 4 && r.Outcome == ImportOutcome.Invalid && r.Reason.Contains("Телефон", StringComparison.Ordinal));
        Assert.Contains(result.Rows, r => r.Row.Line == 5 && r.Reason == "дубль строки 2 файла");
    }

    [Fact]
    public async Task RunAsync_SameFileTwice_SecondCreatesNothing()
    {
        var file = Fixtures.Read(Fixtures.Csv([Fixtures.Row("9171234578", "Иванов", note: "заметка"), Fixtures.Row("9171234579", "Петров")]));
        await Engine().RunAsync(Fixtures.Layout, file, DuplicateChoice.Merge);
        var comments = _sandbox.State()["comments"]!.Count();

        var again = await Engine().RunAsync(Fixtures.Layout, file, DuplicateChoice.Merge);

        Assert.Equal((0, 2), (again.Created, again.Skipped));
        Assert.All(again.Rows, r => Assert.Equal(ImportRowStatus.AlreadyImported, r.Row.Status));
        Assert.Equal(2, Leads().Count);
        Assert.Equal(comments, _sandbox.State()["comments"]!.Count());
    }

    [Fact]
    public async Task RunAsync_MergeWithPortalLead_FillsOnlyEmptyFieldsAndAddsNotes()
    {
        var id = (await _client.CallAsync("crm.lead.add", JObject.Parse("""{"fields":{"TITLE":"Старый","NAME":"Евгений","PHONE":[{"VALUE":"8 917 123 45 78","VALUE_TYPE":"WORK"}]}}"""))).Result.Value<int>();
        var file = Fixtures.Read(Fixtures.Csv([Fixtures.Row("+79171234578", "Иванов", "Женя", note: "Повторный звонок")]));

        var preview = await Engine().PreviewAsync(Fixtures.Layout, file);
        var result = await Engine().RunAsync(Fixtures.Layout, file, DuplicateChoice.Merge);

        Assert.Equal(id, preview.Rows[0].DuplicateOf?.ItemId);
        Assert.Equal((0, 1), (result.Created, result.Merged));
        var lead = Assert.Single(Leads());
        Assert.Equal(("Евгений", "Иванов", "Старый"), (lead.Value<string>("NAME"), lead.Value<string>("LAST_NAME"), lead.Value<string>("TITLE")));
        Assert.Equal(["Повторный звонок"], Comments(id));
    }

    [Fact]
    public async Task RunAsync_RowOlderThanNewestLead_CreatedNowWithDateInFirstComment()
    {
        await _client.CallAsync("crm.lead.add", JObject.Parse("""{"fields":{"TITLE":"Свежий"}}"""));
        var file = Fixtures.Read(Fixtures.Csv([Fixtures.Row("9171234578", "Иванов", created: "01.01.2000", note: "заметка")]));

        var preview = await Engine().PreviewAsync(Fixtures.Layout, file);
        await Engine().RunAsync(Fixtures.Layout, file, DuplicateChoice.Skip);

        Assert.Contains(preview.Rows[0].Problems, p => p.Severity == ImportSeverity.Warning && p.Column == "Дата создания");
        var lead = Leads().Single(l => l.Value<string>("LAST_NAME") == "Иванов");
        Assert.Equal(["Дата создания в исходной системе: 01.01.2000 00:00:00\n\nзаметка"], Comments(lead.Value<int>("ID")));
    }

    [Fact]
    public async Task RunAsync_CrmRefusesOneRow_FailedWithItsMessageOthersCreated()
    {
        var file = Fixtures.Read(Fixtures.Csv([Fixtures.Row("9171234578", "Иванов"), Fixtures.Row("9171234579", "Петров")]));
        var target = new RefusingTarget(new Bitrix24ImportTarget(_client), refuse: "Петров");

        var result = await new ImportEngine(target, Moscow, TimeProvider.System).RunAsync(Fixtures.Layout, file, DuplicateChoice.Skip);

        Assert.Equal((1, 1), (result.Created, result.Failed));
        Assert.Contains("CRM_FIELD_ERROR_VALUE_NOT_VALID", result.Rows.Single(r => r.Outcome == ImportOutcome.Failed).Reason, StringComparison.Ordinal);
        Assert.Single(Leads());
    }

    private ImportEngine Engine() => new(new Bitrix24ImportTarget(_client), Moscow, TimeProvider.System);

    private List<JObject> Leads() => [.. _sandbox.State()["items"]!["lead"]!.OfType<JObject>()];

    private List<string> Comments(int leadId) =>
        [.. _sandbox.State()["comments"]!.OfType<JObject>().Where(c => c.Value<int>("entityId") == leadId || c.Value<int?>("EntityId") == leadId).Select(c => c.Value<string>("comment") ?? c.Value<string>("Comment") ?? string.Empty)];

    private string FirstSource() => _sandbox.State()["statuses"]!.OfType<JObject>().Where(s => s.Value<string>("ENTITY_ID") == "SOURCE").OrderBy(s => s.Value<int>("SORT")).Select(s => s.Value<string>("STATUS_ID")).First()!;

    /// <summary>Sends a createdTime in the future for one row, so the portal itself refuses that item.</summary>
    private sealed class RefusingTarget(IImportTarget inner, string refuse) : IImportTarget
    {
        public int Requests => inner.Requests;

        public ImportTargetLimits Limits => inner.Limits;

        public Task<ImportTargetInfo> DescribeAsync(ImportLayout layout, CancellationToken cancellationToken = default) => inner.DescribeAsync(layout, cancellationToken);

        public Task<IReadOnlyDictionary<string, long>> FindKeysAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) => inner.FindKeysAsync(keys, cancellationToken);

        public Task<IReadOnlyList<ImportExisting>> FindByPhonesAsync(IReadOnlyList<string> phones, CancellationToken cancellationToken = default) => inner.FindByPhonesAsync(phones, cancellationToken);

        public Task<IReadOnlyList<ImportWrite>> CreateAsync(IReadOnlyList<ImportItem> items, CancellationToken cancellationToken = default) =>
            inner.CreateAsync([.. items.Select(i => i.LastName == refuse ? i with { CreatedAt = TimeProvider.System.GetUtcNow().AddDays(30) } : i)], cancellationToken);

        public Task<IReadOnlyList<ImportWrite>> FillEmptyAsync(IReadOnlyList<ImportMerge> merges, CancellationToken cancellationToken = default) => inner.FillEmptyAsync(merges, cancellationToken);

        public Task<IReadOnlyList<ImportWrite>> AddCommentsAsync(IReadOnlyList<ImportComment> comments, CancellationToken cancellationToken = default) => inner.AddCommentsAsync(comments, cancellationToken);
    }
}
