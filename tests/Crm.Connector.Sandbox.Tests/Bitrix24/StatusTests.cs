using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>Stages, lead statuses and sources (bitrix24-rest.md §6.2).</summary>
public sealed class StatusTests : SandboxTest
{
    [Fact]
    public async Task Defaults_LeadStatusesDealStagesAndSources_Exist() // §6.2
    {
        var all = (await Rest.WebhookAsync("crm.status.list")).Ok();

        Assert.Equal(["NEW", "IN_PROCESS", "PROCESSED", "CONVERTED", "JUNK"], Codes(all, "STATUS"));
        Assert.Equal(["NEW", "PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING", "FINAL_INVOICE", "WON", "LOSE", "APOLOGY"], Codes(all, "DEAL_STAGE"));
        Assert.Equal(["CALL", "EMAIL", "WEB", "ADVERTISING", "PARTNER", "RECOMMENDATION", "TRADE_SHOW", "WEBFORM", "CALLBACK", "RC_GENERATOR", "STORE", "OTHER"], Codes(all, "SOURCE"));
        var converted = all.Single(s => s.Value<string>("STATUS_ID") == "CONVERTED");
        Assert.Equal(("Качественный лид", "S", "Y", "success"), (converted.Value<string>("NAME"), converted.Value<string>("SEMANTICS"), converted.Value<string>("SYSTEM"), converted["EXTRA"]!.Value<string>("SEMANTICS")));
        Assert.Equal(
            ["ID", "ENTITY_ID", "STATUS_ID", "NAME", "NAME_INIT", "SORT", "SYSTEM", "CATEGORY_ID", "COLOR", "SEMANTICS", "EXTRA"],
            ((JObject)converted).Properties().Select(p => p.Name));
    }

    [Fact]
    public async Task Add_ToPipeline_PrefixesTheStatusId() // §6.2: DECISION → C1:DECISION
    {
        var pipeline = await PipelineAsync();

        var id = (await AddAsync($"DEAL_STAGE_{pipeline}", "DECISION", "Решение", 15)).Ok().Value<int>();
        var stage = (await Rest.WebhookAsync("crm.status.get", new JObject { ["id"] = id })).Ok();

        Assert.Equal($"C{pipeline}:DECISION", stage.Value<string>("STATUS_ID"));
        Assert.Equal(("N", "", "process"), (stage.Value<string>("SYSTEM"), stage.Value<string>("NAME_INIT"), stage["EXTRA"]!.Value<string>("SEMANTICS")));
    }

    [Fact]
    public async Task Add_PrefixAlreadyGiven_IsKept() // §6.2: passing C1:DECISION is kept
    {
        var pipeline = await PipelineAsync();

        var id = (await AddAsync($"DEAL_STAGE_{pipeline}", $"C{pipeline}:DECISION", "Решение", 15)).Ok().Value<int>();
        var stage = (await Rest.WebhookAsync("crm.status.get", new JObject { ["id"] = id })).Ok();

        Assert.Equal($"C{pipeline}:DECISION", stage.Value<string>("STATUS_ID"));
    }

    [Fact]
    public async Task Add_LongStatusId_IsSilentlyTruncatedTo21Characters() // §6.2 pitfall
    {
        var pipeline = await PipelineAsync();

        var id = (await AddAsync($"DEAL_STAGE_{pipeline}", "WAITING_FOR_THE_DOCUMENTS", "Ждём документы", 15)).Ok().Value<int>();
        var stage = (await Rest.WebhookAsync("crm.status.get", new JObject { ["id"] = id })).Ok();

        Assert.Equal($"C{pipeline}:WAITING_FOR_THE_DOCUMENTS"[..21], stage.Value<string>("STATUS_ID"));
    }

    [Fact]
    public async Task Add_TruncatedToAnExistingId_IsADuplicate() // §6.2: the cut value collides
    {
        var pipeline = await PipelineAsync();
        (await AddAsync($"DEAL_STAGE_{pipeline}", "WAITING_FOR_THE_DOCUMENTS_A", "А", 15)).Ok();

        var reply = await AddAsync($"DEAL_STAGE_{pipeline}", "WAITING_FOR_THE_DOCUMENTS_B", "Б", 16);

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.Equal("The specified status ID already exists.", reply.Description);
    }

    [Theory]
    [InlineData("ПРОВАЛ")]
    [InlineData("WITH SPACE")]
    [InlineData("A:B")]
    public async Task Add_StatusIdWithOtherCharacters_IsErrorCore(string statusId) // §6.2: Latin letters, digits, - and _
    {
        var reply = await AddAsync("STATUS", statusId, "x", 15);

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task Add_Duplicate_IsErrorCoreAlreadyExists() // §6.2
    {
        var reply = await AddAsync("STATUS", "NEW", "Ещё новый", 15);

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.Equal("The specified status ID already exists.", reply.Description);
    }

    [Fact]
    public async Task Add_SecondSuccessStage_IsRefused() // §6.2: only one success stage
    {
        var reply = await AddAsync("DEAL_STAGE", "WON2", "Ещё успех", 65, "S");

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task Add_InProgressStageAfterTheSuccessStage_IsRefused() // §6.2: "Cannot create more stages after the final stage"
    {
        var reply = await AddAsync("DEAL_STAGE", "LATE", "Поздно", 65);

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.StartsWith("Cannot create more stages after the final stage", reply.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_FailureStageBeforeTheSuccessStage_IsRefused() // §6.2: in progress < success < failures (assumed for F)
    {
        var reply = await AddAsync("DEAL_STAGE", "EARLY_LOSS", "Рано", 55, "F");

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task Add_FailureStageAfterTheSuccessStage_IsAccepted()
    {
        var reply = await AddAsync("DEAL_STAGE", "NO_MONEY", "Нет денег", 90, "F");
        var stage = (await Rest.WebhookAsync("crm.status.get", new JObject { ["id"] = reply.Ok() })).Ok();

        Assert.Equal(("F", "failure", "0"), (stage.Value<string>("SEMANTICS"), stage["EXTRA"]!.Value<string>("SEMANTICS"), stage.Value<string>("CATEGORY_ID")));
    }

    [Fact]
    public async Task Add_NoSort_DefaultsTo10() // §6.2: SORT default 10
    {
        var id = (await Rest.WebhookAsync("crm.status.add", """{"fields":{"ENTITY_ID":"SOURCE","STATUS_ID":"TELEGRAM","NAME":"Telegram"}}""")).Ok();
        var source = (await Rest.WebhookAsync("crm.status.get", new JObject { ["id"] = id })).Ok();

        Assert.Equal("10", source.Value<string>("SORT"));
        Assert.Null(source["EXTRA"]);
    }

    [Fact]
    public async Task Add_UnknownPipeline_IsRefused()
    {
        var reply = await AddAsync("DEAL_STAGE_77", "X", "x", 15);

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
    }

    [Fact]
    public async Task Update_ChangesNameSortColorOnly() // §6.2: SEMANTICS and STATUS_ID are not updatable
    {
        var won = await IdOfAsync("DEAL_STAGE", "WON");

        (await Rest.WebhookAsync("crm.status.update", new JObject { ["id"] = won, ["fields"] = new JObject { ["NAME"] = "Оплачено", ["COLOR"] = "#00FF00", ["SEMANTICS"] = "F", ["STATUS_ID"] = "PAID", ["SORT"] = 65 } })).Ok();
        var stage = (await Rest.WebhookAsync("crm.status.get", new JObject { ["id"] = won })).Ok();

        Assert.Equal(("Оплачено", "#00FF00", "S", "WON", "65", "Сделка успешна"), (stage.Value<string>("NAME"), stage.Value<string>("COLOR"), stage.Value<string>("SEMANTICS"), stage.Value<string>("STATUS_ID"), stage.Value<string>("SORT"), stage.Value<string>("NAME_INIT")));
    }

    [Fact]
    public async Task Delete_SystemStageWithoutForced_IsRefused() // §6.2
    {
        var apology = await IdOfAsync("DEAL_STAGE", "APOLOGY");

        var refused = await Rest.WebhookAsync("crm.status.delete", new JObject { ["id"] = apology });
        var forced = await Rest.WebhookAsync("crm.status.delete", new JObject { ["id"] = apology, ["params"] = new JObject { ["FORCED"] = "Y" } });

        refused.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.True(forced.Ok().Value<bool>());
    }

    [Fact]
    public async Task Delete_StageWithADeal_IsRefused() // §6.2: "There are active items in this status."
    {
        var id = (await AddAsync("DEAL_STAGE", "TALK", "Переговоры", 15)).Ok().Value<int>();
        await Rest.AddDealAsync("На переговорах", "\"STAGE_ID\":\"TALK\"");

        var reply = await Rest.WebhookAsync("crm.status.delete", new JObject { ["id"] = id });

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.Equal("There are active items in this status.", reply.Description);
    }

    [Fact]
    public async Task Delete_CustomStage_IsGone()
    {
        var id = (await AddAsync("DEAL_STAGE", "TALK", "Переговоры", 15)).Ok().Value<int>();

        (await Rest.WebhookAsync("crm.status.delete", new JObject { ["id"] = id })).Ok();
        var get = await Rest.WebhookAsync("crm.status.get", new JObject { ["id"] = id });

        Assert.NotEqual(HttpStatusCode.OK, get.Status);
    }

    [Fact]
    public async Task EntityTypes_ListDirectoriesWithPrefixAndSemantics() // §6.2
    {
        var pipeline = await PipelineAsync();

        var types = (await Rest.WebhookAsync("crm.status.entity.types")).Ok();
        var stages = types.Single(t => t.Value<string>("ID") == $"DEAL_STAGE_{pipeline}");

        Assert.Contains(types, t => t.Value<string>("ID") == "STATUS");
        Assert.Contains(types, t => t.Value<string>("ID") == "SOURCE");
        Assert.Equal($"C{pipeline}", stages.Value<string>("PREFIX"));
        Assert.Equal($"C{pipeline}:WON", stages["SEMANTIC_INFO"]!.Value<string>("FINAL_SUCCESS_FIELD"));
    }

    private static IEnumerable<string?> Codes(JToken all, string entityId) =>
        all.Where(s => s.Value<string>("ENTITY_ID") == entityId).Select(s => s.Value<string>("STATUS_ID"));

    private Task<RestReply> AddAsync(string entityId, string statusId, string name, int sort, string? semantics = null)
    {
        var fields = new JObject { ["ENTITY_ID"] = entityId, ["STATUS_ID"] = statusId, ["NAME"] = name, ["SORT"] = sort };
        if (semantics is not null)
        {
            fields["SEMANTICS"] = semantics;
        }

        return Rest.WebhookAsync("crm.status.add", new JObject { ["fields"] = fields });
    }

    private async Task<int> PipelineAsync() =>
        (await Rest.WebhookAsync("crm.category.add", """{"entityTypeId":2,"fields":{"name":"Воронка"}}""")).Ok()["category"]!.Value<int>("id");

    private async Task<int> IdOfAsync(string entityId, string statusId)
    {
        var all = (await Rest.WebhookAsync("crm.status.list", new JObject { ["filter"] = new JObject { ["ENTITY_ID"] = entityId, ["STATUS_ID"] = statusId } })).Ok();
        return Assert.Single(all).Value<int>("ID");
    }
}
