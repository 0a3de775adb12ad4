using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>Robots and their calls (bitrix24-rest.md §5).</summary>
public sealed class RobotTests : SandboxTest
{
    private const string Robot = """
        {"CODE":"crmc.admission","HANDLER":"https://app.example.com/robots/admission","AUTH_USER_ID":1,"NAME":{"ru":"Допуск","en":"Admission"},
         "PROPERTIES":{"score":{"Name":"Баллы","Type":"int","Required":"Y"}},
         "RETURN_PROPERTIES":{"admitted":{"Name":"Допущен","Type":"bool"}},
         "DOCUMENT_TYPE":["crm","CCrmDocumentDeal","DEAL"]}
        """;

    private string _token = "";

    [Fact]
    public async Task Add_ThenList_GivesItsCode() // §5.1, §5.2
    {
        var added = await AppAsync("bizproc.robot.add", Robot);
        var list = (await AppAsync("bizproc.robot.list")).Ok();

        Assert.True(added.Ok().Value<bool>());
        Assert.Equal(["crmc.admission"], list.Values<string>());
    }

    [Fact]
    public async Task Add_SameCodeTwice_IsAlreadyInstalled() // §5.1
    {
        (await AppAsync("bizproc.robot.add", Robot)).Ok();

        var again = await AppAsync("bizproc.robot.add", Robot);

        again.Fails(HttpStatusCode.BadRequest, "ERROR_ACTIVITY_ALREADY_INSTALLED");
    }

    [Theory]
    [InlineData("""{"CODE":"bad code","HANDLER":"https://a.example/h","NAME":"x"}""", "ERROR_ACTIVITY_VALIDATION_FAILURE")]
    [InlineData("""{"CODE":"ok","HANDLER":"ftp://a.example/h","NAME":"x"}""", "ERROR_WRONG_HANDLER_URL")]
    [InlineData("""{"CODE":"ok","HANDLER":"not a url","NAME":"x"}""", "ERROR_WRONG_HANDLER_URL")]
    [InlineData("""{"CODE":"ok","HANDLER":"https://a.example/h"}""", "ERROR_ACTIVITY_VALIDATION_FAILURE")]
    [InlineData("""{"CODE":"ok","HANDLER":"https://a.example/h","NAME":"x","PROPERTIES":{"p":{"Name":"P","Type":"money"}}}""", "ERROR_ACTIVITY_VALIDATION_FAILURE")]
    [InlineData("""{"CODE":"ok","HANDLER":"https://a.example/h","NAME":"x","RETURN_PROPERTIES":{"1p":{"Name":"P","Type":"int"}}}""", "ERROR_ACTIVITY_VALIDATION_FAILURE")]
    public async Task Add_Invalid_IsRefusedWithTheDocumentedCode(string robot, string code) // §5.1
    {
        var reply = await AppAsync("bizproc.robot.add", robot);

        reply.Fails(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task UpdateAndDelete_UnknownCode_IsActivityNotFound() // §5.2
    {
        var update = await AppAsync("bizproc.robot.update", """{"CODE":"nope","FIELDS":{"NAME":"x"}}""");
        var delete = await AppAsync("bizproc.robot.delete", """{"CODE":"nope"}""");

        update.Fails(HttpStatusCode.BadRequest, "ERROR_ACTIVITY_NOT_FOUND");
        delete.Fails(HttpStatusCode.BadRequest, "ERROR_ACTIVITY_NOT_FOUND");
    }

    [Fact]
    public async Task UpdateThenDelete_ChangesThenRemoves() // §5.2
    {
        (await AppAsync("bizproc.robot.add", Robot)).Ok();

        (await AppAsync("bizproc.robot.update", """{"CODE":"crmc.admission","FIELDS":{"NAME":"Допуск к экзамену"}}""")).Ok();
        var state = Sandbox.State()["robots"]![0]!;
        (await AppAsync("bizproc.robot.delete", """{"CODE":"crmc.admission"}""")).Ok();
        var list = (await AppAsync("bizproc.robot.list")).Ok();

        Assert.Equal("Допуск к экзамену", state.Value<string>("NAME"));
        Assert.Equal("https://app.example.com/robots/admission", state.Value<string>("HANDLER"));
        Assert.Empty(list);
    }

    [Fact]
    public async Task Add_OnTheFreePlan_IsAccessDenied() // §13 (UNCONFIRMED: robots need a paid plan)
    {
        await using var sandbox = await Sandboxes.StartAsync(Sandboxes.Roomy() with { Plan = "free" });
        var rest = new RawRest(sandbox);

        var reply = await rest.OAuthAsync(sandbox.IssueTokens().AccessToken, "bizproc.robot.add", Robot);

        reply.Fails(HttpStatusCode.Forbidden, "ACCESS_DENIED");
    }

    [Fact]
    public async Task RunRobot_PostsTheDocumentedFormToTheHandler() // §5.3
    {
        await using var receiver = await HookReceiver.StartAsync();
        (await AppAsync("bizproc.robot.add", new JObject { ["CODE"] = "crmc.payments", ["HANDLER"] = new Uri(receiver.Url, "robots/payments").AbsoluteUri, ["NAME"] = "Платежи", ["AUTH_USER_ID"] = 4 }.ToString())).Ok();
        var deal = await Rest.AddDealAsync("Платежи");

        var token = await Sandbox.RunRobotAsync("crmc.payments", $"DEAL_{deal}", new Dictionary<string, string> { ["amount"] = "5000" });
        var call = await receiver.WaitForAsync(r => r.Path == "/robots/payments");

        Assert.Equal(token, call["event_token"]);
        Assert.Equal(("crmc.payments", "crm", "CCrmDocumentDeal", $"DEAL_{deal}"), (call["code"], call["document_id[0]"], call["document_id[1]"], call["document_id[2]"]));
        Assert.Equal(("crm", "CCrmDocumentDeal", "DEAL"), (call["document_type[0]"], call["document_type[1]"], call["document_type[2]"]));
        Assert.Equal(("5000", "Y"), (call["properties[amount]"], call["use_subscription"]));
        Assert.NotNull(call["workflow_id"]);
        Assert.NotNull(call["ts"]);
        Assert.NotNull(call["timeout_duration"]);
        Assert.Equal(Sandbox.App.ApplicationToken, call["auth[application_token]"]);
        Assert.Equal(("4", Sandbox.App.MemberId, Sandbox.BaseUrl.Authority), (call["auth[user_id]"], call["auth[member_id]"], call["auth[domain]"]));
        Assert.NotNull(call["auth[refresh_token]"]);
        var asUser = await Rest.OAuthAsync(call["auth[access_token]"]!, "profile");
        Assert.Equal("4", asUser.Ok().Value<string>("ID"));
    }

    [Fact]
    public async Task EventSend_WithTheCallsToken_RecordsValuesOnce() // §5.4
    {
        await using var receiver = await HookReceiver.StartAsync();
        (await AppAsync("bizproc.robot.add", new JObject { ["CODE"] = "crmc.check", ["HANDLER"] = receiver.Url.AbsoluteUri, ["NAME"] = "Проверка" }.ToString())).Ok();
        var token = await Sandbox.RunRobotAsync("crmc.check", "LEAD_7");

        var sent = await Rest.WebhookAsync("bizproc.event.send", new JObject { ["EVENT_TOKEN"] = token, ["RETURN_VALUES"] = new JObject { ["paid"] = 5000 }, ["LOG_MESSAGE"] = "пересчитано" });
        var reused = await Rest.WebhookAsync("bizproc.event.send", new JObject { ["EVENT_TOKEN"] = token });
        var unknown = await Rest.WebhookAsync("bizproc.event.send", """{"EVENT_TOKEN":"nope"}""");
        var call = Sandbox.State()["robotCalls"]![0]!;

        sent.Ok();
        reused.Fails(HttpStatusCode.Forbidden, "ACCESS_DENIED");
        unknown.Fails(HttpStatusCode.Forbidden, "ACCESS_DENIED");
        Assert.Equal(("LEAD_7", true, 5000, "пересчитано"), (call.Value<string>("documentId"), call.Value<bool>("answered"), call["returnValues"]!.Value<int>("paid"), call.Value<string>("logMessage")));
    }

    [Fact]
    public async Task EventSend_RobotThatDoesNotWait_IsAccessDenied() // §5.4: only with USE_SUBSCRIPTION not N
    {
        await using var receiver = await HookReceiver.StartAsync();
        (await AppAsync("bizproc.robot.add", new JObject { ["CODE"] = "crmc.fire", ["HANDLER"] = receiver.Url.AbsoluteUri, ["NAME"] = "Без ожидания", ["USE_SUBSCRIPTION"] = "N" }.ToString())).Ok();
        var token = await Sandbox.RunRobotAsync("crmc.fire", "DEAL_1");
        var call = await receiver.WaitForAsync(_ => true);

        var reply = await Rest.WebhookAsync("bizproc.event.send", new JObject { ["EVENT_TOKEN"] = token });

        Assert.Equal("N", call["use_subscription"]);
        reply.Fails(HttpStatusCode.Forbidden, "ACCESS_DENIED");
    }

    [Fact]
    public async Task RobotCall_AfterEventSend_ExposesTheReturnValues() // §5.4
    {
        await using var receiver = await HookReceiver.StartAsync();
        (await AppAsync("bizproc.robot.add", new JObject { ["CODE"] = "crmc.score", ["HANDLER"] = receiver.Url.AbsoluteUri, ["NAME"] = "Баллы" }.ToString())).Ok();
        var token = await Sandbox.RunRobotAsync("crmc.score", "DEAL_5", new Dictionary<string, string> { ["score"] = "7" });
        var before = Sandbox.RobotCall(token);

        (await AppAsync("bizproc.event.send", new JObject { ["EVENT_TOKEN"] = token, ["RETURN_VALUES"] = new JObject { ["admitted"] = "Y", ["note"] = "ок" }, ["LOG_MESSAGE"] = "готово" }.ToString())).Ok();
        var after = Sandbox.RobotCall(token)!;

        Assert.False(before!.Answered);
        Assert.Null(before.ReturnValues);
        Assert.Equal(("crmc.score", "DEAL_5", true, "готово"), (after.Code, after.DocumentId, after.Answered, after.LogMessage));
        Assert.Equal(("Y", "ок"), (after.ReturnValues!.Value<string>("admitted"), after.ReturnValues!.Value<string>("note")));
        Assert.Null(Sandbox.RobotCall("unknown"));
    }

    [Fact]
    public async Task RunRobot_UnknownCode_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Sandbox.RunRobotAsync("nope", "DEAL_1"));
    }

    private Task<RestReply> AppAsync(string method, string json = "{}")
    {
        if (_token.Length == 0)
        {
            _token = Sandbox.IssueTokens().AccessToken;
        }

        return Rest.OAuthAsync(_token, method, json);
    }
}
