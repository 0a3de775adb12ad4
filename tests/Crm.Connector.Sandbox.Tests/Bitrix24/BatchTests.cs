using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>batch (bitrix24-rest.md §10).</summary>
public sealed class BatchTests : SandboxTest
{
    [Fact]
    public async Task Batch_ReferencesToEarlierResults_AreFilledIn() // §10: $result[key][a][b]
    {
        var reply = await Rest.WebhookAsync("batch", """
            {"halt":0,"cmd":{
              "pipeline":"crm.category.add?entityTypeId=2&fields%5Bname%5D=%D0%9C%D0%BE%D0%B9%D0%BA%D0%B0",
              "stage":"crm.status.add?fields[ENTITY_ID]=DEAL_STAGE_$result[pipeline][category][id]&fields[STATUS_ID]=WASHING&fields[NAME]=%D0%9C%D0%BE%D0%B9%D0%BA%D0%B0&fields[SORT]=15",
              "stages":"crm.status.list?filter[ENTITY_ID]=DEAL_STAGE_$result[pipeline][category][id]"
            }}
            """);
        var result = reply.Ok();
        var pipeline = result["result"]!["pipeline"]!["category"]!.Value<int>("id");

        Assert.Equal("Мойка", result["result"]!["pipeline"]!["category"]!.Value<string>("name"));
        Assert.True(result["result"]!.Value<int>("stage") > 0);
        Assert.Contains($"C{pipeline}:WASHING", result["result"]!["stages"]!.Select(s => s.Value<string>("STATUS_ID")));
        Assert.Equal(9, result["result_total"]!.Value<int>("stages"));
        Assert.Equal(JTokenType.Array, result["result_error"]!.Type);
        Assert.Empty(result["result_error"]!);
        Assert.Equal(["pipeline", "stage", "stages"], ((JObject)result["result_time"]!).Properties().Select(p => p.Name));
        Assert.NotNull(reply.Body["time"]);
    }

    [Fact]
    public async Task Batch_ReferenceIntoAList_UsesTheIndex() // §10: $result[list][0][ID]
    {
        var first = await Rest.AddDealAsync("Первая");
        await Rest.AddDealAsync("Вторая");

        var result = (await Rest.WebhookAsync("batch", """{"cmd":{"list":"crm.deal.list?order[ID]=ASC","get":"crm.deal.get?id=$result[list][1][ID]","items":"crm.item.list?entityTypeId=2&order[id]=DESC","again":"crm.item.get?entityTypeId=2&id=$result[items][items][0][id]"}}""")).Ok();

        Assert.Equal("Вторая", result["result"]!["get"]!.Value<string>("TITLE"));
        Assert.Equal("Вторая", result["result"]!["again"]!["item"]!.Value<string>("title"));
        Assert.NotEqual(first, result["result"]!["get"]!.Value<int>("ID"));
    }

    [Fact]
    public async Task Batch_UnresolvableReference_BecomesEmpty() // §10 (UNCONFIRMED): the dangerous case clients must avoid
    {
        Sandbox.SeedDeals(3);

        var result = (await Rest.WebhookAsync("batch", """{"cmd":{"page":"crm.deal.list?order[ID]=ASC&start=-1","next":"crm.deal.list?order[ID]=ASC&filter[>ID]=$result[page][49][ID]&start=-1"}}""")).Ok();

        Assert.Equal(3, result["result"]!["next"]!.Count());
    }

    [Fact]
    public async Task Batch_FailingCommand_IsInResultErrorAndTheRestRun() // §10: HTTP 200, inspect result_error
    {
        var reply = await Rest.WebhookAsync("batch", """{"halt":0,"cmd":{"a":"crm.deal.add?fields[TITLE]=A","bad":"crm.status.add?fields[ENTITY_ID]=STATUS&fields[STATUS_ID]=NEW&fields[NAME]=dup","b":"crm.deal.add?fields[TITLE]=B"}}""");
        var result = reply.Ok();

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(["a", "b"], ((JObject)result["result"]!).Properties().Select(p => p.Name));
        Assert.Equal(new JObject { ["error"] = "ERROR_CORE", ["error_description"] = "The specified status ID already exists." }, result["result_error"]!["bad"]);
        Assert.Equal(JTokenType.Array, result["result_total"]!.Type);
        Assert.Equal(JTokenType.Array, result["result_next"]!.Type);
    }

    [Fact]
    public async Task Batch_HaltOnError_LaterCommandsAreAbsent() // §10: halt=1
    {
        var result = (await Rest.WebhookAsync("batch", """{"halt":1,"cmd":{"a":"crm.deal.add?fields[TITLE]=A","bad":"crm.deal.get?id=424242","b":"crm.deal.add?fields[TITLE]=B"}}""")).Ok();
        var deals = (await Rest.WebhookAsync("crm.deal.list")).Ok();

        Assert.NotNull(result["result"]!["a"]);
        Assert.NotNull(result["result_error"]!["bad"]);
        Assert.Null(result["result"]!["b"]);
        Assert.Null(result["result_error"]!["b"]);
        Assert.Null(result["result_time"]!["b"]);
        Assert.Equal(["A"], deals.Select(d => d.Value<string>("TITLE")));
    }

    [Fact]
    public async Task Batch_MoreThan50Commands_Is400AndNothingRuns() // §10: ≤50 commands
    {
        var cmd = new JObject();
        for (var i = 0; i < 51; i++)
        {
            cmd[$"c{i}"] = $"crm.deal.add?fields[TITLE]=D{i}";
        }

        var reply = await Rest.WebhookAsync("batch", new JObject { ["cmd"] = cmd });
        var deals = (await Rest.WebhookAsync("crm.deal.list")).Ok();

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_BATCH_LENGTH_EXCEEDED");
        Assert.Empty(deals);
    }

    [Fact]
    public async Task Batch_Exactly50Commands_Run()
    {
        var cmd = new JObject();
        for (var i = 0; i < 50; i++)
        {
            cmd[$"c{i}"] = "profile";
        }

        var result = (await Rest.WebhookAsync("batch", new JObject { ["cmd"] = cmd })).Ok();

        Assert.Equal(50, ((JObject)result["result"]!).Count);
        Assert.Equal(1, Sandbox.Stats.Requests);
    }

    [Fact]
    public async Task Batch_NestedBatch_IsThatCommandsError() // §10: no nested batch
    {
        var result = (await Rest.WebhookAsync("batch", """{"cmd":{"inner":"batch?cmd[x]=profile","ok":"profile"}}""")).Ok();

        Assert.Equal("ERROR_BATCH_METHOD_NOT_ALLOWED", result["result_error"]!["inner"]!.Value<string>("error"));
        Assert.NotNull(result["result"]!["ok"]);
    }

    [Fact]
    public async Task Batch_AllSucceed_EmptyMapsAreJsonArrays() // §10: like PHP, an empty map is []
    {
        var result = (await Rest.WebhookAsync("batch", """{"cmd":{"p":"profile"}}""")).Ok();

        Assert.Equal(JTokenType.Object, result["result"]!.Type);
        Assert.Equal(JTokenType.Array, result["result_error"]!.Type);
        Assert.Equal(JTokenType.Array, result["result_total"]!.Type);
        Assert.Equal(JTokenType.Array, result["result_next"]!.Type);
    }

    [Fact]
    public async Task Batch_NoCommands_AllMapsAreEmptyArrays()
    {
        var result = (await Rest.WebhookAsync("batch", """{"cmd":{}}""")).Ok();

        Assert.Equal(JTokenType.Array, result["result"]!.Type);
        Assert.Empty(result["result"]!);
    }

    [Fact]
    public async Task Batch_PerCommandRules_ApplyToEachCommand() // §10 + §3: scope and app context per command
    {
        await using var sandbox = await Sandboxes.StartAsync(Sandboxes.Roomy() with { WebhookScopes = "crm" });
        var rest = new RawRest(sandbox);

        var result = (await rest.WebhookAsync("batch", """{"cmd":{"deal":"crm.deal.list","notify":"im.notify.system.add?USER_ID=1&MESSAGE=x","app":"app.info","nope":"no.such.method"}}""")).Ok();

        Assert.NotNull(result["result"]!["deal"]);
        Assert.Equal("insufficient_scope", result["result_error"]!["notify"]!.Value<string>("error"));
        Assert.Equal("ACCESS_DENIED", result["result_error"]!["app"]!.Value<string>("error"));
        Assert.Equal("ERROR_METHOD_NOT_FOUND", result["result_error"]!["nope"]!.Value<string>("error"));
    }

    [Fact]
    public async Task Batch_FormEncoded_IsAccepted() // §10: cmd[key]=... in a form (inner query encoded once more)
    {
        var reply = await Rest.PostFormAsync(new Uri(Sandbox.WebhookUrl, "batch"), "halt=0&cmd[a]=crm.deal.add%3Ffields%255BTITLE%255D%3D%25D0%25A4%25D0%25BE%25D1%2580%25D0%25BC%25D0%25B0&cmd[b]=crm.deal.get%3Fid%3D%24result%5Ba%5D");
        var result = reply.Ok();

        Assert.Equal("Форма", result["result"]!["b"]!.Value<string>("TITLE"));
    }

    [Fact]
    public async Task Batch_OAuth_CommandsRunWithTheBatchsToken() // §10: sub-commands use the batch's auth
    {
        var app = Sandbox.IssueTokens(2);

        var result = (await Rest.OAuthAsync(app.AccessToken, "batch", """{"cmd":{"me":"profile","info":"app.info"}}""")).Ok();

        Assert.Equal("2", result["result"]!["me"]!.Value<string>("ID"));
        Assert.True(result["result"]!["info"]!.Value<bool>("INSTALLED"));
    }

    [Fact]
    public async Task Batch_Stats_CountOneRequestAndEachCommand() // §10, §12.1: a batch is one request
    {
        await Rest.WebhookAsync("batch", """{"cmd":{"a":"crm.deal.add?fields[TITLE]=A","b":"crm.deal.add?fields[TITLE]=B","c":"crm.deal.list"}}""");

        var stats = Sandbox.Stats;

        Assert.Equal((1, 1, 3), (stats.Requests, stats.Batches, stats.BatchCommands));
        Assert.Equal(2, stats.Methods["crm.deal.add"]);
        Assert.Equal(1, stats.Methods["crm.deal.list"]);
        Assert.Equal(1, stats.Methods["batch"]);
    }
}
