using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.Functions.AmoCrm.Work;
using Crm.Connector.Functions.Tests.AmoCrm.Work;
using Crm.Connector.Installer.AmoCrm;
using Crm.Connector.Limits;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.AmoCrm;

/// <summary>
/// The online school's account with the app installed through the sandbox's marketplace redirect and provisioned, as a
/// manager works in it: leads made and moved through the API (which fires the account's webhooks to the app), and what
/// the app did read back from the account's state.
/// </summary>
internal sealed class OnlineSchoolAccount : IAsyncDisposable
{
    /// <summary>The template key of «Продажа курса».</summary>
    public const string Sale = "course-sale";

    private readonly HttpClient _api;

    private OnlineSchoolAccount(AmoAppHarness harness, AmoItemMapper mapper, HttpClient api, AmoCrmClient client)
    {
        Harness = harness;
        Mapper = mapper;
        _api = api;
        Client = client;
    }

    /// <summary>No field values.</summary>
    public static IReadOnlyDictionary<string, object?> NoValues { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    public AmoAppHarness Harness { get; }

    /// <summary>The template's view of the account (stage and field ids by template code).</summary>
    public AmoItemMapper Mapper { get; }

    /// <summary>The account as its administrator uses it.</summary>
    public AmoCrmClient Client { get; }

    public static async Task<OnlineSchoolAccount> StartAsync(JObject? settings = null)
    {
        var harness = await AmoAppHarness.StartAsync(settings: new Dictionary<string, string>
        {
            ["Worker__Lease"] = "00:00:03",
            ["Worker__PortalLease"] = "00:00:10",
            ["Worker__Coalesce"] = "00:00:00.050",
            ["Worker__RetryAfter"] = "00:00:01",
            ["Worker__StalledAfter"] = "00:00:01",
        });
        try
        {
            await harness.InstallAsync();
            await harness.WaitUntilAsync(async () => (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "online-school")).AppAutomations.Count > 0, "online-school provisioned");
            var installation = (await harness.Store.Installations.GetAsync(harness.MemberId))!;
            var merged = (JObject)installation.Settings.DeepClone();
            merged.Merge(settings ?? new JObject { ["timeZone"] = "Europe/Moscow" });
            await harness.Store.Installations.SaveAsync(installation with { Settings = merged });

            var token = harness.Sandbox.IssueLongLivedToken(TimeSpan.FromDays(1));
            var client = new AmoCrmClient(new AmoAccountAddress(harness.Sandbox.BaseUrl), token, new AmoCrmClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System) });
            var fields = new List<(AmoEntityType, AmoCustomField)>();
            foreach (var entity in new[] { AmoEntityType.Leads, AmoEntityType.Contacts, AmoEntityType.Companies })
            {
                fields.AddRange((await client.CustomFields.ListAsync(entity)).Select(f => (entity, f)));
            }

            var ledger = await harness.Store.Ledgers.LoadAsync(harness.MemberId, "online-school");
            var mapper = new AmoItemMapper(AmoWorkFixtures.OnlineSchool, ledger, new AmoAccountLists(fields), AmoWorkFixtures.Moscow);
            var api = new HttpClient { BaseAddress = harness.Sandbox.BaseUrl };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return new OnlineSchoolAccount(harness, mapper, api, client);
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>A contact with a work e-mail; its id.</summary>
    public async Task<long> AddContactAsync(string name, string email)
    {
        var emailField = Harness.Sandbox.State()["custom_fields"]!["contacts"]!.First(f => f.Value<string>("code") == "EMAIL").Value<long>("id");
        var added = await PostAsync("/api/v4/contacts", new JObject
        {
            ["name"] = name,
            ["custom_fields_values"] = new JArray(new JObject { ["field_id"] = emailField, ["values"] = new JArray(new JObject { ["value"] = email, ["enum_code"] = "WORK" }) }),
        });
        return added;
    }

    /// <summary>A company; its id.</summary>
    public Task<long> AddCompanyAsync(string name) => PostAsync("/api/v4/companies", new JObject { ["name"] = name });

    /// <summary>A lead made in a template stage, with template field values, linked contact and company, and tags; its id.</summary>
    public Task<long> AddLeadAsync(string pipeline, string stage, string name, IReadOnlyDictionary<string, object?>? values = null, long? contact = null, long? company = null, IReadOnlyList<string>? tags = null, long? responsible = null)
    {
        var body = values is null ? new JObject() : Mapper.ToUpdate("deal", values, pipeline);
        body.Merge(StageBody(pipeline, stage));
        body["name"] = name;
        body["price"] = 30_000;
        if (responsible is { } user)
        {
            body["responsible_user_id"] = user;
        }

        var embedded = new JObject();
        if (contact is { } c)
        {
            embedded["contacts"] = new JArray(new JObject { ["id"] = c, ["is_main"] = true });
        }

        if (company is { } co)
        {
            embedded["companies"] = new JArray(new JObject { ["id"] = co });
        }

        if (tags is not null)
        {
            embedded["tags"] = new JArray(tags.Select(t => new JObject { ["name"] = t }));
        }

        if (embedded.Count > 0)
        {
            body["_embedded"] = embedded;
        }

        return PostAsync("/api/v4/leads", body);
    }

    /// <summary>Moves a lead to a template stage, with other values in the same change.</summary>
    public Task MoveAsync(long lead, string pipeline, string stage, IReadOnlyDictionary<string, object?>? values = null)
    {
        var body = values is null ? new JObject() : Mapper.ToUpdate("deal", values, pipeline);
        body.Merge(StageBody(pipeline, stage));
        return PatchAsync(lead, body);
    }

    /// <summary>Sets template field values on a lead.</summary>
    public Task SetAsync(long lead, string pipeline, IReadOnlyDictionary<string, object?> values) => PatchAsync(lead, Mapper.ToUpdate("deal", values, pipeline));

    /// <summary>A note on a lead, as a manager writes one.</summary>
    public Task<long> AddNoteAsync(long lead, string text) =>
        PostAsync($"/api/v4/leads/{lead.ToString(CultureInfo.InvariantCulture)}/notes", new JObject { ["note_type"] = "common", ["params"] = new JObject { ["text"] = text } });

    public JObject Lead(long id) => Leads().Single(l => l.Value<long>("id") == id);

    public IReadOnlyList<JObject> Leads() => [.. Harness.Sandbox.State()["leads"]!.Cast<JObject>()];

    /// <summary>The leads in a template stage.</summary>
    public IReadOnlyList<JObject> LeadsIn(string pipeline, string stage)
    {
        var (pipelineId, statusId) = AmoCrmNames.ParseStageId(Mapper.StageId(pipeline, stage)!);
        return [.. Leads().Where(l => l.Value<long>("pipeline_id") == pipelineId && l.Value<long>("status_id") == statusId)];
    }

    public IReadOnlyList<JObject> TasksOf(long lead) =>
        [.. Harness.Sandbox.State()["tasks"]!.Cast<JObject>().Where(t => t.Value<string>("entity_type") == "leads" && t.Value<long>("entity_id") == lead)];

    public IReadOnlyList<string> NotesOf(long lead) =>
        [.. Harness.Sandbox.State()["notes"]!.Cast<JObject>().Where(n => n.Value<string>("entity_type") == "leads" && n.Value<long>("entity_id") == lead).Select(n => n["params"]?.Value<string>("text") ?? string.Empty)];

    public (long PipelineId, long StatusId) Stage(string pipeline, string stage) => AmoCrmNames.ParseStageId(Mapper.StageId(pipeline, stage)!);

    /// <summary>Active users of the default sales group (id 0), by id.</summary>
    public IReadOnlyList<long> SalesGroup() =>
        [.. Harness.Sandbox.State()["users"]!.Where(u => u.Value<long>("group_id") == 0 && u.Value<bool>("is_active")).Select(u => u.Value<long>("id")).Order()];

    /// <summary>Waits until a task containing <paramref name="text"/> is on <paramref name="lead"/>; returns it.</summary>
    public async Task<JObject> WaitForTaskAsync(long lead, string text)
    {
        await Harness.WaitUntilAsync(() => Task.FromResult(TasksOf(lead).Any(t => t.Value<string>("text")!.Contains(text, StringComparison.Ordinal))), $"a task «{text}» on lead {lead.ToString(CultureInfo.InvariantCulture)}");
        return TasksOf(lead).First(t => t.Value<string>("text")!.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>The due times of the app's scheduled checks whose key contains <paramref name="part"/>.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> JobsAsync(string part)
    {
        await using var connection = new SqliteConnection($"Data Source={Harness.StorePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT due_at FROM jobs WHERE key LIKE $pattern AND status = 'Scheduled'";
        command.Parameters.AddWithValue("$pattern", $"%{part}%");
        var due = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            due.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)));
        }

        return due;
    }

    /// <summary>Waits for a scheduled check whose key contains <paramref name="part"/>; returns its due time.</summary>
    public async Task<DateTimeOffset> WaitForJobAsync(string part)
    {
        await Harness.WaitUntilAsync(async () => (await JobsAsync(part)).Count > 0, $"a scheduled check {part}");
        return (await JobsAsync(part))[0];
    }

    /// <summary>Moves the scheduled checks whose key contains <paramref name="part"/> into the past (the clock moved on).</summary>
    public async Task MakeDueAsync(string part)
    {
        await using var connection = new SqliteConnection($"Data Source={Harness.StorePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE jobs SET due_at = 0 WHERE key LIKE $pattern AND status = 'Scheduled'";
        command.Parameters.AddWithValue("$pattern", $"%{part}%");
        Assert.True(await command.ExecuteNonQueryAsync() > 0, $"no scheduled check {part} to make due");
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        Client.Dispose();
        await Harness.DisposeAsync();
    }

    private JObject StageBody(string pipeline, string stage)
    {
        var (pipelineId, statusId) = Stage(pipeline, stage);
        return new JObject { ["pipeline_id"] = pipelineId, ["status_id"] = statusId };
    }

    private async Task PatchAsync(long lead, JObject body)
    {
        body["id"] = lead;
        using var content = new StringContent(new JArray(body).ToString(), Encoding.UTF8, "application/json");
        using var response = await _api.PatchAsync(new Uri("/api/v4/leads", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, $"PATCH lead {lead.ToString(CultureInfo.InvariantCulture)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<long> PostAsync(string path, JObject body)
    {
        using var content = new StringContent(new JArray(body).ToString(), Encoding.UTF8, "application/json");
        using var response = await _api.PostAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        var embedded = (JObject)JObject.Parse(text)["_embedded"]!;
        return embedded.Properties().First().Value[0]!.Value<long>("id");
    }
}
