using System.Collections.Concurrent;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>
/// The "write ran, answer lost" hook: <see cref="SandboxFaults.AfterMethod"/>, <see cref="SandboxFaults.KillAfter"/> and
/// <see cref="SandboxFaults.DropAnswerAfter"/>, and a caller that hangs up not undoing what it asked for.
/// </summary>
public sealed class AfterMethodTests : SandboxTest
{
    /// <summary>Guards the awaits below against a hang; never what a test asserts.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AfterMethod_DirectWrite_SeesTheChangeKeptBeforeTheAnswer()
    {
        var seen = new ConcurrentQueue<(SandboxMethodRun Run, int TasksThen)>();
        Sandbox.Faults.AfterMethod = run => seen.Enqueue((run, Sandbox.State()["tasks"]!.Count()));

        var reply = await Rest.WebhookAsync("tasks.task.add", """{"fields":{"TITLE":"Звонок","RESPONSIBLE_ID":2}}""");

        var (run, tasksThen) = Assert.Single(seen);
        Assert.Equal(("tasks.task.add", null, true), (run.Method, run.BatchKey, run.Succeeded));
        Assert.Equal(1, tasksThen);
        Assert.Equal("Звонок", run.Parameters["fields"]!.Value<string>("TITLE"));
        Assert.Equal(reply.Ok()["task"]!.Value<string>("id"), run.Result!["task"]!.Value<string>("id"));
    }

    [Fact]
    public async Task AfterMethod_InsideBatch_FiresPerCommandInOrderThenForTheBatch()
    {
        var seen = new ConcurrentQueue<(string Method, string? Key, int TasksThen)>();
        Sandbox.Faults.AfterMethod = run => seen.Enqueue((run.Method, run.BatchKey, Sandbox.State()["tasks"]!.Count()));

        (await Rest.WebhookAsync("batch", """{"cmd":{"a":"tasks.task.add?fields[TITLE]=A&fields[RESPONSIBLE_ID]=2","b":"tasks.task.add?fields[TITLE]=B&fields[RESPONSIBLE_ID]=2"}}""")).Ok();

        Assert.Equal([("tasks.task.add", "a", 1), ("tasks.task.add", "b", 2), ("batch", null, 2)], seen);
    }

    [Fact]
    public async Task AfterMethod_FailedMethod_IsReportedWithItsErrorAndARefusedOneIsNot()
    {
        var seen = new ConcurrentQueue<SandboxMethodRun>();
        Sandbox.Faults.AfterMethod = seen.Enqueue;

        await Rest.WebhookAsync("tasks.task.add", """{"fields":{"TITLE":"Без ответственного"}}""");
        await Rest.WebhookAsync("no.such.method");

        var run = Assert.Single(seen);
        Assert.Equal(("tasks.task.add", false, "ERROR_CORE"), (run.Method, run.Succeeded, run.ErrorCode));
        Assert.Null(run.Result);
    }

    [Fact]
    public async Task AfterMethod_HookThrows_TheCallIsAnsweredAndOtherHooksStillRun()
    {
        Sandbox.Faults.AfterMethod = _ => throw new InvalidOperationException("test hook");
        var killed = Sandbox.Faults.KillAfter("crm.deal.add", 1, () => { });

        var reply = await Rest.WebhookAsync("crm.deal.add", """{"fields":{"TITLE":"x"}}""");

        Assert.True(reply.Ok().Value<int>() > 0);
        Assert.True(killed.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task KillAfter_ThirdTaskOfABurst_KeepsItButTheCallerNeverHearsBack()
    {
        using var app = new CancellationTokenSource();
        var tasksAtKill = -1;
        var killed = Sandbox.Faults.KillAfter("tasks.task.add", 3, () =>
        {
            tasksAtKill = Sandbox.State()["tasks"]!.Count();
            app.Cancel();
        });
        var answered = new List<string>();
        Exception? died = null;
        for (var i = 1; i <= 5 && died is null; i++)
        {
            try
            {
                var reply = await Rest.WebhookAsync("tasks.task.add", new JObject { ["fields"] = new JObject { ["TITLE"] = $"#{i}", ["RESPONSIBLE_ID"] = 2 } }, app.Token);
                answered.Add(reply.Ok()["task"]!.Value<string>("title")!);
            }
            catch (OperationCanceledException e)
            {
                died = e;
            }
        }

        var run = await killed.WaitAsync(Guard);
        var kept = Sandbox.State()["tasks"]!.Select(t => t.Value<string>("title"));

        Assert.NotNull(died);
        Assert.Equal(["#1", "#2"], answered);
        Assert.Equal(3, tasksAtKill);
        Assert.Equal(["#1", "#2", "#3"], kept);
        Assert.Equal("#3", run.Parameters["fields"]!.Value<string>("TITLE"));
    }

    [Fact]
    public async Task KillAfter_InsideABatch_FiresAfterTheNthCommandAndTheBatchStillRunsToItsEnd()
    {
        using var app = new CancellationTokenSource();
        var tasksAtKill = -1;
        var killed = Sandbox.Faults.KillAfter("tasks.task.add", 3, () =>
        {
            tasksAtKill = Sandbox.State()["tasks"]!.Count();
            app.Cancel();
        });
        var batchDone = Sandbox.Faults.KillAfter("batch", 1, () => { });
        var commands = new JObject();
        for (var i = 1; i <= 5; i++)
        {
            commands[$"t{i}"] = $"tasks.task.add?fields[TITLE]=%23{i}&fields[RESPONSIBLE_ID]=2";
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Rest.WebhookAsync("batch", new JObject { ["cmd"] = commands }, app.Token));
        var run = await killed.WaitAsync(Guard);
        await batchDone.WaitAsync(Guard);

        Assert.Equal(("tasks.task.add", "t3"), (run.Method, run.BatchKey));
        Assert.Equal(3, tasksAtKill);
        Assert.Equal(5, Sandbox.State()["tasks"]!.Count());
    }

    [Fact]
    public async Task KillAfter_CountsOnlySuccessfulRunsOfThatMethod()
    {
        var killed = Sandbox.Faults.KillAfter("crm.deal.add", 2, () => { });

        await Rest.WebhookAsync("crm.deal.add", """{"fields":{"TITLE":"1"}}""");
        await Rest.WebhookAsync("crm.deal.add", """{"nofields":1}""");
        await Rest.WebhookAsync("crm.lead.add", """{"fields":{"TITLE":"лид"}}""");
        var beforeSecond = killed.IsCompleted;
        await Rest.WebhookAsync("crm.deal.add", """{"fields":{"TITLE":"2"}}""");
        var run = await killed.WaitAsync(Guard);

        Assert.False(beforeSecond);
        Assert.Equal("2", run.Parameters["fields"]!.Value<string>("TITLE"));
    }

    [Fact]
    public async Task DropAnswerAfter_DirectCall_CutsTheConnectionButKeepsTheChange()
    {
        var dropped = Sandbox.Faults.DropAnswerAfter("crm.deal.add", 1);

        await Assert.ThrowsAsync<HttpRequestException>(() => Rest.WebhookAsync("crm.deal.add", """{"fields":{"TITLE":"Молча"}}"""));
        var run = await dropped.WaitAsync(Guard);
        var next = await Rest.WebhookAsync("crm.deal.add", """{"fields":{"TITLE":"С ответом"}}""");

        Assert.Equal(["Молча", "С ответом"], Sandbox.State()["items"]!["deal"]!.Select(d => d.Value<string>("TITLE")));
        Assert.True(next.Ok().Value<int>() > run.Result!.Value<int>());
        Assert.Equal(1, Sandbox.Stats.DroppedConnections);
    }

    [Fact]
    public async Task DropAnswerAfter_InsideBatch_LeavesTheWholeBatchUnansweredAfterAllItsCommandsRan()
    {
        var dropped = Sandbox.Faults.DropAnswerAfter("tasks.task.add", 2);

        await Assert.ThrowsAsync<HttpRequestException>(() => Rest.WebhookAsync("batch", """{"cmd":{"a":"tasks.task.add?fields[TITLE]=A&fields[RESPONSIBLE_ID]=2","b":"tasks.task.add?fields[TITLE]=B&fields[RESPONSIBLE_ID]=2","c":"tasks.task.add?fields[TITLE]=C&fields[RESPONSIBLE_ID]=2"}}"""));
        var run = await dropped.WaitAsync(Guard);

        Assert.Equal("b", run.BatchKey);
        Assert.Equal(["A", "B", "C"], Sandbox.State()["tasks"]!.Select(t => t.Value<string>("title")));
    }

    [Fact]
    public async Task CallerHangsUpAfterTheWrite_TheChangeAndItsEventsStay() // §4.5: the event follows the change, not the answer
    {
        await using var receiver = await HookReceiver.StartAsync();
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", $$"""{"event":"ONCRMDEALADD","handler":"{{receiver.Url}}"}""")).Ok();
        using var caller = new CancellationTokenSource();
        var killed = Sandbox.Faults.KillAfter("crm.deal.add", 1, caller.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Rest.WebhookAsync("crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Брошенный" } }, caller.Token));
        var run = await killed.WaitAsync(Guard);
        var hook = await receiver.WaitForAsync(r => r["event"] == "ONCRMDEALADD");

        Assert.Equal(run.Result!.ToString(), hook["data[FIELDS][ID]"]);
        Assert.Equal(["Брошенный"], Sandbox.State()["items"]!["deal"]!.Select(d => d.Value<string>("TITLE")));
    }
}
