using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Bitrix24.Services.Crm;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Tests.Portal;

/// <summary>
/// A batch cut into many requests (bitrix24-rest.md §10, §12.1): requests that do not refer to each other leave together
/// while the bucket has room, those that refer to another wait for its answer; a long list is read by id ranges at once. Requests are held at a gate between the
/// client and the portal, and the clock is the test's, so what went out together is counted, not timed.
/// </summary>
public sealed class BatchConcurrencyTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly GateHandler _gate = new();
    private Bitrix24Sandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { TimeProvider = _time });

    public async Task DisposeAsync()
    {
        _gate.Open();
        await _sandbox.DisposeAsync();
    }

    public void Dispose() => _gate.Dispose();

    [Fact]
    public async Task Batch_IndependentWrites_LeaveTogetherUpToTheBucketsFreeCapacity()
    {
        // Room for five at once (a burst of 6 less the margin of 1), then one per drain; 1,000 updates are 20 requests.
        using var client = Client(new RateLimit(6, 2));
        var commands = Updates(_sandbox.SeedDeals(1_000));
        _gate.Close();

        var batch = client.BatchAsync(commands, order: BatchOrder.Independent);
        await GateHandler.UntilAsync(() => _gate.Held == 1 && _time.PendingTimers == 1, "the first request held, waited for by the others");
        var probe = _gate.Held;
        _gate.Release();
        await GateHandler.UntilAsync(() => _gate.Held >= 4 && _time.PendingTimers == 1, "four requests held together while the next waits for the drain");
        var together = _gate.Held;
        _gate.Open();
        var result = await PortalClock.DriveAsync(_time, client, batch, TimeSpan.FromSeconds(1));

        Assert.Equal(1, probe);
        Assert.Equal(4, together);
        Assert.True(result.AllSucceeded, string.Join("; ", result.Failed));
        Assert.Equal(20, result.Requests);
        Assert.Equal(commands.Select(c => c.Key), result.Commands.Select(c => c.Key));
        Assert.Equal(0, _sandbox.Stats.QueryLimitExceeded);
    }

    [Fact]
    public async Task Batch_OnlyReadsOnAnIdlePortal_AllRequestsLeaveAtOnceAfterTheFirst()
    {
        using var client = Client(RateLimit.Standard);
        var ids = _sandbox.SeedDeals(1_000);
        var commands = ids.Select(id => new BatchCommand($"g{id}", "crm.deal.get", new JObject { ["id"] = id })).ToList();
        _gate.Close();

        // In the order given, but reads: their order cannot matter.
        var batch = client.BatchAsync(commands);
        await GateHandler.UntilAsync(() => _gate.Held == 1, "the first request held");
        _gate.Release();
        await GateHandler.UntilAsync(() => _gate.Held == 19, "the other 19 requests held together");
        _gate.Open();
        var result = await batch.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.AllSucceeded, string.Join("; ", result.Failed));
        Assert.Equal(20, result.Requests);
        Assert.Equal(ids, result.Commands.Select(c => c.Result!.Value<int>("ID")));
    }

    [Fact]
    public async Task Batch_WritesInTheOrderGiven_GoOneRequestAfterAnother()
    {
        using var client = Client(RateLimit.Standard);
        await client.ProfileAsync();
        var commands = Updates(_sandbox.SeedDeals(1_000));
        _gate.Close();

        var batch = client.BatchAsync(commands);
        await GateHandler.UntilAsync(() => _gate.Held == 1, "the first request held");

        // Leave is given the moment a request is started, so a second one started with the first would be out already.
        var out1 = Budget(client).InFlight(client.Credentials.PortalKey);
        _gate.Open();
        var result = await batch.WaitAsync(TimeSpan.FromSeconds(30));
        var sent = _gate.Log.Where(e => e.Keys.Count > 0).Select(e => e.Event).ToList();

        Assert.Equal(1, out1);
        Assert.True(result.AllSucceeded, string.Join("; ", result.Failed));
        Assert.Equal(Enumerable.Range(0, 20).SelectMany(_ => new[] { "sent", "answered" }), sent);
    }

    [Fact]
    public async Task Batch_ReferencesAcrossRequests_WaitForTheAnswerTheyReferToAndNothingElse()
    {
        using var client = Client(RateLimit.Standard);
        await client.ProfileAsync();

        // In dependency order: [pipeline, s0…s48], [s49…s98] referring to the pipeline, [d0…d49] referring to nothing.
        var commands = new List<BatchCommand>();
        for (var i = 0; i < 99; i++)
        {
            commands.Add(new BatchCommand($"s{i}", "crm.status.add", new JObject
            {
                ["fields"] = new JObject { ["ENTITY_ID"] = "DEAL_STAGE_$result[pipeline][category][id]", ["STATUS_ID"] = $"S{i}", ["NAME"] = $"Стадия {i}", ["SORT"] = 1000 + i, ["SEMANTICS"] = "F" },
            }));
        }

        commands.Add(new BatchCommand("pipeline", "crm.category.add", new JObject { ["entityTypeId"] = 2, ["fields"] = new JObject { ["name"] = "Через запросы" } }));
        for (var i = 0; i < 50; i++)
        {
            commands.Add(new BatchCommand($"d{i}", "crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = $"Сделка {i}" } }));
        }

        _gate.Close();
        var batch = client.BatchAsync(commands, order: BatchOrder.Independent);
        await GateHandler.UntilAsync(() => _gate.Held >= 2, "two requests held together");
        var heldTogether = _gate.Log.Where(e => e.Event == "sent" && e.Keys.Count > 0).Select(e => e.Keys).ToList();
        _gate.Open();
        var result = await batch.WaitAsync(TimeSpan.FromSeconds(30));
        var log = _gate.Log.Where(e => e.Keys.Count > 0).ToList();
        var pipelineAnswered = log.FindIndex(e => e.Event == "answered" && e.Keys.Contains("pipeline"));
        var laterStagesSent = log.FindIndex(e => e.Event == "sent" && e.Keys.Contains("s49"));
        var pipelineId = result["pipeline"].Result!["category"]!.Value<int>("id");
        var stages = await client.Crm.Statuses.ListAsync(StatusService.DealStages(pipelineId));

        Assert.Equal(2, heldTogether.Count);
        Assert.Contains(heldTogether, keys => keys.Contains("pipeline") && keys.Contains("s48"));
        Assert.Contains(heldTogether, keys => keys.Contains("d0") && keys.Contains("d49"));
        Assert.True(pipelineAnswered >= 0 && laterStagesSent > pipelineAnswered, "the request referring to the pipeline left before the pipeline's answer came");
        Assert.True(result.AllSucceeded, string.Join("; ", result.Failed));
        Assert.Equal(3, result.Requests);
        Assert.Equal(commands.Select(c => c.Key), result.Commands.Select(c => c.Key));
        Assert.Equal(99, stages.Count(s => s.StatusId.StartsWith($"C{pipelineId}:S", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReadAll_TenThousandDeals_ReadsItsIdRangesAtOnce()
    {
        using var client = Client(RateLimit.Standard);
        var seeded = _sandbox.SeedDeals(10_000);
        _gate.Close();

        var read = client.Crm.Deals.ReadAllAsync(select: ["ID"]).Select(d => d.Value<int>("ID")).ToListAsync().AsTask();
        await GateHandler.UntilAsync(() => _gate.Held == 1, "the first page and the last id asked for");
        _gate.Release();
        await GateHandler.UntilAsync(() => _gate.Held == 4, "four ranges of 2,500 asked for together");
        _gate.Open();
        var ids = await read.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(seeded, ids);
        Assert.Equal(5, _sandbox.Stats.Requests);
    }

    private static List<BatchCommand> Updates(IReadOnlyList<int> ids) =>
        [.. ids.Select(id => new BatchCommand($"u{id}", "crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["TITLE"] = $"Обновлена {id}" } }))];

    private static InMemoryRequestBudget Budget(Bitrix24Client client) => (InMemoryRequestBudget)client.Options.RequestBudget!;

    private Bitrix24Client Client(RateLimit limit) =>
        new(new WebhookCredentials(_sandbox.WebhookUrl), new HttpClient(_gate, disposeHandler: false), SandboxClients.Options(_time) with { RateLimit = limit });
}
