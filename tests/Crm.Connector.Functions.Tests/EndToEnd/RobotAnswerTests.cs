using Crm.Connector.Storage.Inbox;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.EndToEnd;

/// <summary>
/// Robot calls always get an answer the workflow can act on (bitrix24-rest.md §5.4), and each inbox item stands or falls
/// by its own work: what goes wrong with one robot call is never recorded against another item.
/// </summary>
public sealed class RobotAnswerTests
{
    /// <summary>
    /// The admission robot is for deals. Run on a deal that was deleted, or placed in a lead's or a contact's automation,
    /// it cannot do anything — and the workflow must hear so at once rather than wait for its timeout.
    /// </summary>
    [Theory]
    [InlineData("DEAL", "deal {id} does not exist")]
    [InlineData("LEAD", "works on deals only; it was run on lead {id}")]
    [InlineData("CONTACT", "works on deals only; it was run on contact {id}")]
    public async Task RobotCall_OnAnItemItCannotRunOn_IsAnsweredWithTheErrorAndAudited(string document, string expected)
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var id = document switch
        {
            "DEAL" => await DeletedDealAsync(harness),
            "LEAD" => (await harness.Portal.CallAsync("crm.lead.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Заявка", ["ASSIGNED_BY_ID"] = 2 } })).Result!.Value<long>(),
            _ => (await harness.Portal.CallAsync("crm.contact.add", new JObject { ["fields"] = new JObject { ["NAME"] = "Анна" } })).Result!.Value<long>(),
        };
        var entity = document.ToLowerInvariant();

        var token = await harness.Sandbox.RunRobotAsync("crmc.admission_scoring", $"{document}_{id}");

        await harness.WaitUntilAsync(() => Task.FromResult(harness.Sandbox.RobotCall(token)?.Answered == true), "the robot's answer");
        var call = harness.Sandbox.RobotCall(token)!;
        Assert.Contains(expected.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), call.LogMessage, StringComparison.Ordinal);
        Assert.StartsWith("Error:", call.LogMessage, StringComparison.Ordinal);
        Assert.Empty(call.ReturnValues?.Children() ?? []);

        // The audit row follows the answer (it is written once the portal took it).
        await harness.WaitUntilAsync(async () => (await harness.Store.Audit.ListAsync(harness.MemberId, entity, id)).Any(a => a.Action == "robotError"), "the error to be audited");
        var audit = (await harness.Store.Audit.ListAsync(harness.MemberId, entity, id)).Single(a => a.Action == "robotError");
        Assert.Contains("crmc.admission_scoring", audit.Cause, StringComparison.Ordinal);
        Assert.DoesNotContain(await harness.Store.Audit.ListAsync(harness.MemberId, entity, id), a => a.Action is "robotAnswer" or "setFields");
    }

    /// <summary>
    /// A robot call whose answer the portal refuses (its event token expired or was already used: 403 ACCESS_DENIED,
    /// §5.4) and an event about the same deal, taken by the worker in one batch: the event is done, and only the robot
    /// call waits for a retry with the refusal as its error.
    /// </summary>
    [Fact]
    public async Task RobotAnswerRefused_AnEventForTheSameDealInTheSameBatch_IsDoneOnItsOwn()
    {
        await using var harness = await AppHarness.StartAsync();
        await harness.InstallAsync();
        var id = await EventFlowTests.AddDealAsync(harness, await EventFlowTests.PipelineIdAsync(harness, "Новый клиент"), 90, 90, 90, 90, 90);
        await EventFlowTests.WaitForAdmissionAsync(harness, id, true);
        await harness.Sandbox.WaitForEventsAsync();
        await harness.WaitUntilAsync(async () => (await harness.Store.Inbox.CountAsync(harness.MemberId)).GetValueOrDefault(InboxStatus.Pending) == 0, "the inbox to drain");

        // Both wait in the inbox while the app is down, so the worker claims them together when it starts.
        harness.KillApp();
        var now = TimeProvider.System.GetUtcNow();
        var eventKey = $"{harness.MemberId}:ONCRMDEALUPDATE:{id}:batch-mate";
        var robotKey = $"{harness.MemberId}:robot:spent-token";
        Assert.True(await harness.Store.Inbox.TryAcceptAsync(new InboxItem
        {
            Key = eventKey, MemberId = harness.MemberId, Kind = "event", Entity = "deal", ItemId = id,
            Payload = new JObject { ["event"] = "ONCRMDEALUPDATE", ["ts"] = now.ToUnixTimeSeconds() }, ReceivedAt = now,
        }));
        Assert.True(await harness.Store.Inbox.TryAcceptAsync(new InboxItem
        {
            Key = robotKey, MemberId = harness.MemberId, Kind = "robot", Entity = "deal", ItemId = id,
            Payload = new JObject { ["code"] = "crmc.admission_scoring", ["eventToken"] = "spent-token", ["properties"] = new JObject() }, ReceivedAt = now,
        }));
        await harness.Store.Queues.EnqueueAsync(Bitrix24.WorkMessage.Queue, Bitrix24.WorkMessage.Drain(harness.MemberId));
        await harness.StartAppAsync();

        // The call is decided and done; its answer is an effect the portal refused, kept and retried on its own.
        Storage.Effects.Effect? answer = null;
        await harness.WaitUntilAsync(async () => (answer = await harness.Store.Outbox.GetAsync(robotKey))?.Error is not null, "the robot's answer to be tried");
        var mate = (await harness.Store.Inbox.GetAsync(await IdAsync(harness, eventKey)))!;
        Assert.Equal((InboxStatus.Done, (string?)null), (mate.Status, mate.Error));
        Assert.StartsWith("bizproc.event.send: ACCESS_DENIED", answer!.Error, StringComparison.Ordinal);
        Assert.NotEqual(Storage.Effects.EffectStatus.Done, answer.Status);
        Assert.DoesNotContain(await harness.Store.Audit.ListAsync(harness.MemberId, "deal", id), a => a.Action == "robotAnswer");
    }

    private static async Task<long> DeletedDealAsync(AppHarness harness)
    {
        var id = await EventFlowTests.AddDealAsync(harness, await EventFlowTests.PipelineIdAsync(harness, "Новый клиент"), 90, 90, 90, 90, 90);
        await harness.Portal.CallAsync("crm.deal.delete", new JObject { ["id"] = id });
        return id;
    }

    private static async Task<long> IdAsync(AppHarness harness, string key)
    {
        await using var connection = new SqliteConnection($"Data Source={harness.StorePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM inbox WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
