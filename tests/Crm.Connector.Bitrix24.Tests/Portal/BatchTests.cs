using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Bitrix24.Services.Crm;
using Crm.Connector.Sandbox.Bitrix24;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Tests.Portal;

/// <summary>batch (bitrix24-rest.md §10): per-command outcomes, references, halt, more than 50 commands.</summary>
public sealed class BatchTests : IAsyncLifetime
{
    private Bitrix24Sandbox _sandbox = null!;
    private Bitrix24Client _client = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await Bitrix24Sandbox.StartAsync();
        _client = SandboxClients.Webhook(_sandbox);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task Batch_OneCommandFails_ReportsWhichFailedAndWhichSucceeded()
    {
        var result = await _client.BatchAsync(
        [
            new BatchCommand("a", "crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "A" } }),
            new BatchCommand("bad", "crm.status.add", new JObject { ["fields"] = new JObject { ["ENTITY_ID"] = "STATUS", ["STATUS_ID"] = "NEW", ["NAME"] = "dup" } }),
            new BatchCommand("b", "crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "B" } }),
        ]);

        Assert.Equal([BatchCommandStatus.Succeeded, BatchCommandStatus.Failed, BatchCommandStatus.Succeeded], result.Commands.Select(c => c.Status));
        Assert.Contains("already exists", result["bad"].ErrorDescription, StringComparison.Ordinal);
        Assert.True(result["a"].Result!.Value<int>() > 0);
        Assert.Equal(1, result.Requests);
        Assert.Equal(1, _sandbox.Stats.Requests);
    }

    [Fact]
    public async Task Batch_HaltOnError_ReportsTheRestAsNotRun()
    {
        var result = await _client.BatchAsync(
        [
            new BatchCommand("a", "crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "A" } }),
            new BatchCommand("bad", "crm.status.add", new JObject { ["fields"] = new JObject { ["ENTITY_ID"] = "STATUS", ["STATUS_ID"] = "NEW", ["NAME"] = "dup" } }),
            new BatchCommand("b", "crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "B" } }),
        ], halt: true);

        Assert.Equal([BatchCommandStatus.Succeeded, BatchCommandStatus.Failed, BatchCommandStatus.NotRun], result.Commands.Select(c => c.Status));
        var titles = await _client.Crm.Deals.ListAsync(select: ["TITLE"]).Select(d => d.Value<string>("TITLE")).ToListAsync();
        Assert.Equal(["A"], titles);
    }

    [Fact]
    public async Task Batch_PipelineAndItsStages_GoInOneRequestThroughReferences()
    {
        var commands = new List<BatchCommand>
        {
            // Listed before the command it refers to: the runner orders by dependency.
            new("stage", "crm.status.add", new JObject { ["fields"] = new JObject { ["ENTITY_ID"] = "DEAL_STAGE_$result[pipeline][category][id]", ["STATUS_ID"] = "WASHING", ["NAME"] = "Мойка", ["SORT"] = 15 } }),
            new("pipeline", "crm.category.add", new JObject { ["entityTypeId"] = 2, ["fields"] = new JObject { ["name"] = "Мойка" } }),
        };

        var result = await _client.BatchAsync(commands);
        var pipelineId = result["pipeline"].Result!["category"]!.Value<int>("id");
        var stages = await _client.Crm.Statuses.ListAsync(StatusService.DealStages(pipelineId));

        Assert.True(result.AllSucceeded, string.Join("; ", result.Commands));
        Assert.Equal(1, result.Requests);
        Assert.Contains(stages, s => s.StatusId == $"C{pipelineId}:WASHING");
    }

    [Fact]
    public async Task Batch_OneCommandPerRequest_SendsEachAloneAndStillFillsReferences()
    {
        using var client = SandboxClients.Webhook(_sandbox, SandboxClients.Options() with { CommandsPerBatch = 1 });
        var commands = new List<BatchCommand>
        {
            new("pipeline", "crm.category.add", new JObject { ["entityTypeId"] = 2, ["fields"] = new JObject { ["name"] = "По одной" } }),
            new("a", "crm.status.add", new JObject { ["fields"] = new JObject { ["ENTITY_ID"] = "DEAL_STAGE_$result[pipeline][category][id]", ["STATUS_ID"] = "A", ["NAME"] = "А", ["SORT"] = 15 } }),
            new("b", "crm.status.add", new JObject { ["fields"] = new JObject { ["ENTITY_ID"] = "DEAL_STAGE_$result[pipeline][category][id]", ["STATUS_ID"] = "B", ["NAME"] = "Б", ["SORT"] = 16 } }),
        };

        var result = await client.BatchAsync(commands);

        Assert.True(result.AllSucceeded, string.Join("; ", result.Failed));
        Assert.Equal(3, result.Requests);
        Assert.Equal(3, _sandbox.Stats.Batches);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void Client_CommandsPerBatchOutsideThePortalsLimit_IsRefusedNamingTheOption(int perBatch)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SandboxClients.Webhook(_sandbox, SandboxClients.Options() with { CommandsPerBatch = perBatch }));

        Assert.Contains("CommandsPerBatch must be between 1 and 50", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_MoreThanFifty_SplitsAndFillsCrossRequestReferences()
    {
        var commands = new List<BatchCommand> { new("pipeline", "crm.category.add", new JObject { ["entityTypeId"] = 2, ["fields"] = new JObject { ["name"] = "Много стадий" } }) };
        for (var i = 0; i < 119; i++)
        {
            commands.Add(new BatchCommand($"s{i}", "crm.status.add", new JObject
            {
                // Failure stages: they sort after the success stage, however many there are.
                ["fields"] = new JObject { ["ENTITY_ID"] = "DEAL_STAGE_$result[pipeline][category][id]", ["STATUS_ID"] = $"S{i}", ["NAME"] = $"Стадия {i}", ["SORT"] = 1000 + i, ["SEMANTICS"] = "F" },
            }));
        }

        var result = await _client.BatchAsync(commands);
        var pipelineId = result["pipeline"].Result!["category"]!.Value<int>("id");
        var stages = await _client.Crm.Statuses.ListAsync(StatusService.DealStages(pipelineId));

        Assert.True(result.AllSucceeded, string.Join("; ", result.Failed));
        Assert.Equal(3, result.Requests);
        Assert.Equal(119, stages.Count(s => s.StatusId.StartsWith($"C{pipelineId}:S", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Batch_CommandReferringToAFailedOne_IsNotRunAndSaysWhy()
    {
        var commands = new List<BatchCommand> { new("bad", "crm.category.add", new JObject { ["entityTypeId"] = 1, ["fields"] = new JObject { ["name"] = "Лиды" } }) };
        for (var i = 0; i < 60; i++)
        {
            commands.Add(new BatchCommand($"d{i}", "crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = $"D{i}" } }));
        }

        commands.Add(new BatchCommand("stage", "crm.status.add", new JObject { ["fields"] = new JObject { ["ENTITY_ID"] = "DEAL_STAGE_$result[bad][category][id]", ["STATUS_ID"] = "X", ["NAME"] = "x" } }));

        var result = await _client.BatchAsync(commands);

        Assert.Equal(BatchCommandStatus.Failed, result["bad"].Status);
        Assert.Equal(BatchCommandStatus.NotRun, result["stage"].Status);
        Assert.Contains("'bad'", result["stage"].ErrorDescription, StringComparison.Ordinal);
        Assert.Equal(60, result.Commands.Count(c => c.Succeeded));
    }

    [Fact]
    public async Task Batch_ReferenceToAnUnknownCommand_IsRefusedBeforeSending()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.BatchAsync([new BatchCommand("a", "crm.deal.get", new JObject { ["id"] = "$result[nope][ID]" })]));

        Assert.Contains("'$result[nope]'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _sandbox.Stats.Requests);
    }

    [Fact]
    public async Task Batch_EnsureSuccess_ThrowsWhatTheFirstErrorMeansAndNamesTheOthers()
    {
        var result = await _client.BatchAsync([
            new BatchCommand("x", "crm.deal.get", new JObject { ["id"] = 999999 }),
            new BatchCommand("y", "crm.deal.get", new JObject { ["id"] = 999998 }),
        ]);

        var error = Assert.ThrowsAny<Bitrix24Exception>(() => result.EnsureSuccess());

        Assert.IsType<Bitrix24NotFoundException>(error);
        Assert.Equal("crm.deal.get", error.Method);
        Assert.Contains("y (crm.deal.get)", error.Description, StringComparison.Ordinal);
    }
}
