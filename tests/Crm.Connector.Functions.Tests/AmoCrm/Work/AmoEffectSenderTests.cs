using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Errors;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.Functions.AmoCrm.Work;
using Crm.Connector.Functions.AmoCrm.Work.Effects;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.AmoCrm;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Effects;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.AmoCrm.Work;

/// <summary>
/// <see cref="AmoEffectSender"/> against a sandbox amoCRM account on loopback (7 requests a second, a long-lived
/// token) and a throwaway SQLite store, the effects committed to its outbox first as the worker does.
/// </summary>
public sealed class AmoEffectSenderTests : IAsyncLifetime, IDisposable
{
    private const string MemberId = "school.amocrm.ru";
    private readonly string _directory = Directory.CreateTempSubdirectory("crmc-amo-send-").FullName;
    private AmoCrmSandbox _sandbox = null!;
    private AmoCrmClient _client = null!;
    private IStore _store = null!;
    private AmoEffectSender _sender = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await AmoCrmSandbox.StartAsync(new AmoCrmSandboxOptions());
        _client = new AmoCrmClient(new AmoAccountAddress(_sandbox.BaseUrl), _sandbox.IssueLongLivedToken(TimeSpan.FromDays(1)), new AmoCrmClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System) });
        _store = StoreFactory.Create(new StoreOptions { ConnectionString = Path.Combine(_directory, "store.db") });
        await _store.MigrateAsync();
        _sender = new AmoEffectSender(_store, Options.Create(new WorkerOptions()), NullLogger<AmoEffectSender>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _sandbox.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    public void Dispose() => _client?.Dispose();

    [Fact]
    public async Task SendAsync_120TaskEffects_GoOutInAtMostThreeWriteRequests()
    {
        var lead = await LeadAsync("Заявка");
        var effects = Enumerable.Range(0, 120).Select(i => TaskEffect($"task-{i}", lead, $"Перезвонить #{i}")).ToList();
        await CommitAsync(effects);
        _sandbox.Stats.Reset();

        await _sender.SendAsync(MemberId, _client, effects, recovering: false, _ => Task.FromResult(true), CancellationToken.None);

        Assert.InRange(_sandbox.Stats.ByRoute.GetValueOrDefault("POST /api/v4/tasks"), 1, 3);
        Assert.Equal(120, TasksOf(lead));
        Assert.Equal(120, (await _store.Outbox.CountAsync(MemberId)).GetValueOrDefault(EffectStatus.Done));
    }

    [Fact]
    public async Task SendAsync_CopyEffect_CreatesTheLeadThenItsNotesWithTheNewId()
    {
        var source = await LeadAsync("Выигранная сделка");
        var pipeline = (await _client.Pipelines.ListAsync())[0];
        var status = pipeline.Statuses.First(s => s.Type != AmoStatus.UnsortedType && s.Id is not (AmoStatus.Won or AmoStatus.Lost));
        var raw = JObject.FromObject(new { id = source, name = "Выигранная сделка", price = 1000, responsible_user_id = _sandbox.AdminUserId });
        var copy = Effect("copy-1", source, "copyDeal",
        [
            AmoCommand.AddLead("copy", AmoItemMapper.CopyOf(raw, pipeline.Id, status.Id, copyFields: true)),
            AmoCommand.AddNote("history", "leads", AmoCommand.Result("copy"), "История: звонок 01.11"),
            AmoCommand.AddNote("link", "leads", AmoCommand.Result("copy"), $"Копия сделки #{source}"),
        ]);
        await CommitAsync([copy]);
        _sandbox.Stats.Reset();

        await _sender.SendAsync(MemberId, _client, [copy], recovering: false, _ => Task.FromResult(true), CancellationToken.None);

        var created = (await _client.Leads.ListAsync(new AmoListFilter { PipelineIds = [pipeline.Id] })).Single(l => l.Id != source && l.Name == "Выигранная сделка");
        Assert.Equal(status.Id, created.StatusId);
        var notes = await _client.Notes.ListAsync(AmoEntityType.Leads, created.Id);
        Assert.Equal(["История: звонок 01.11", $"Копия сделки #{source}"], notes.Select(n => n.Params?.Text ?? string.Empty).Order().ToArray());
        Assert.Equal(1, _sandbox.Stats.ByRoute.GetValueOrDefault("POST /api/v4/leads"));
        Assert.Equal(1, _sandbox.Stats.ByRoute.GetValueOrDefault("POST /api/v4/leads/notes"));
        Assert.Equal(EffectStatus.Done, (await _store.Outbox.GetAsync("copy-1"))!.Status);
    }

    [Fact]
    public async Task SendAsync_AnswerLostThenRecovering_LeavesExactlyOneTask()
    {
        var lead = await LeadAsync("Заявка");
        var effect = TaskEffect("lost-1", lead, "Перезвонить");
        await CommitAsync([effect]);
        var dropped = _sandbox.Faults.DropAnswerAfterWrite("POST /api/v4/tasks");

        await Assert.ThrowsAnyAsync<AmoCrmException>(() => _sender.SendAsync(MemberId, _client, [effect], recovering: false, _ => Task.FromResult(true), CancellationToken.None));
        await dropped;
        Assert.Equal(EffectStatus.Pending, (await _store.Outbox.GetAsync("lost-1"))!.Status);

        await _sender.SendAsync(MemberId, _client, [(await _store.Outbox.GetAsync("lost-1"))!], recovering: true, _ => Task.FromResult(true), CancellationToken.None);

        Assert.Equal(1, TasksOf(lead));
        Assert.Equal(1, _sandbox.Stats.ByRoute.GetValueOrDefault("POST /api/v4/tasks"));
        Assert.Equal(EffectStatus.Done, (await _store.Outbox.GetAsync("lost-1"))!.Status);
    }

    [Fact]
    public async Task SendAsync_CopysLeadAnswerLostThenRecovering_FindsTheLeadAndSendsOnlyItsNotes()
    {
        var source = await LeadAsync("Выигранная сделка");
        var pipeline = (await _client.Pipelines.ListAsync())[0];
        var status = pipeline.Statuses.First(s => s.Type != AmoStatus.UnsortedType && s.Id is not (AmoStatus.Won or AmoStatus.Lost));
        var raw = JObject.FromObject(new { id = source, name = "Копируемая", responsible_user_id = _sandbox.AdminUserId });
        var copy = Effect("copy-lost", source, "copyDeal",
        [
            AmoCommand.AddLead("copy", AmoItemMapper.CopyOf(raw, pipeline.Id, status.Id, copyFields: false)),
            AmoCommand.AddNote("link", "leads", AmoCommand.Result("copy"), $"Копия сделки #{source}"),
        ]);
        await CommitAsync([copy]);
        _sandbox.Stats.Reset();
        var dropped = _sandbox.Faults.DropAnswerAfterWrite("POST /api/v4/leads");

        await Assert.ThrowsAnyAsync<AmoCrmException>(() => _sender.SendAsync(MemberId, _client, [copy], recovering: false, _ => Task.FromResult(true), CancellationToken.None));
        await dropped;
        await _sender.SendAsync(MemberId, _client, [(await _store.Outbox.GetAsync("copy-lost"))!], recovering: true, _ => Task.FromResult(true), CancellationToken.None);

        var copies = (await _client.Leads.ListAsync(new AmoListFilter { PipelineIds = [pipeline.Id] })).Where(l => l.Name == "Копируемая").ToList();
        Assert.Single(copies);
        Assert.Equal([$"Копия сделки #{source}"], (await _client.Notes.ListAsync(AmoEntityType.Leads, copies[0].Id)).Select(n => n.Params?.Text ?? string.Empty).ToArray());
        Assert.Equal(1, _sandbox.Stats.ByRoute.GetValueOrDefault("POST /api/v4/leads"));
        Assert.Equal(EffectStatus.Done, (await _store.Outbox.GetAsync("copy-lost"))!.Status);
    }

    [Fact]
    public async Task SendAsync_OneEffectFailsValidation_FailsItAndConfirmsTheOthers()
    {
        var lead = await LeadAsync("Заявка");
        var effects = Enumerable.Range(0, 4).Select(i => TaskEffect($"v-{i}", lead, $"Задача {i}", responsible: i == 2 ? 999_999 : null)).ToList();
        await CommitAsync(effects);

        await _sender.SendAsync(MemberId, _client, effects, recovering: false, _ => Task.FromResult(true), CancellationToken.None);

        Assert.Equal(EffectStatus.Failed, (await _store.Outbox.GetAsync("v-2"))!.Status);
        foreach (var key in new[] { "v-0", "v-1", "v-3" })
        {
            Assert.Equal(EffectStatus.Done, (await _store.Outbox.GetAsync(key))!.Status);
        }

        Assert.Equal(3, TasksOf(lead));
    }

    [Fact]
    public async Task SendAsync_TwoEffectsPatchTheSameLead_BothLandTheLaterLast()
    {
        var lead = await LeadAsync("Заявка");
        var first = Effect("p-1", lead, "setFields", [AmoCommand.UpdateLead("set", lead, new JObject { ["name"] = "Первое", ["price"] = 100 })]);
        var second = Effect("p-2", lead, "setFields", [AmoCommand.UpdateLead("set", lead, new JObject { ["name"] = "Второе" })]);
        await CommitAsync([first, second]);

        await _sender.SendAsync(MemberId, _client, [first, second], recovering: false, _ => Task.FromResult(true), CancellationToken.None);

        var read = (await _client.Leads.ListAsync(new AmoListFilter { Ids = [lead] })).Single();
        Assert.Equal("Второе", read.Name);
        Assert.Equal(100, read.Price);
        Assert.Equal(2, (await _store.Outbox.CountAsync(MemberId)).GetValueOrDefault(EffectStatus.Done));
    }

    /// <summary>Tasks on <paramref name="lead"/> as the sandbox holds them (read past the client: see the skipped test).</summary>
    private int TasksOf(long lead) =>
        _sandbox.State()["tasks"]!.Count(t => t.Value<string>("entity_type") == "leads" && t.Value<long?>("entity_id") == lead);

    private async Task<long> LeadAsync(string name) =>
        (await _client.Leads.AddAsync([new AmoLeadAdd { Name = name, ResponsibleUserId = _sandbox.AdminUserId }]))[0].Id;

    private Effect TaskEffect(string key, long lead, string text, long? responsible = null) => Effect(key, lead, "task",
    [
        AmoCommand.AddTask("task", new JObject
        {
            ["text"] = text,
            ["complete_till"] = 1_893_456_000,
            ["task_type_id"] = 1,
            ["responsible_user_id"] = responsible ?? _sandbox.AdminUserId,
            ["entity_id"] = lead,
            ["entity_type"] = "leads",
        }),
    ]);

    private static Effect Effect(string key, long lead, string action, IEnumerable<AmoCommand> commands) => AmoEffects.Create(
        new AuditEntry { MemberId = MemberId, At = TimeProvider.System.GetUtcNow(), Entity = "deal", ItemId = lead, Action = action, Cause = "test", Key = key },
        commands,
        TimeProvider.System.GetUtcNow());

    private Task CommitAsync(IReadOnlyCollection<Effect> effects) => _store.Outbox.CommitAsync(new WorkCommit { MemberId = MemberId, Effects = effects });
}
