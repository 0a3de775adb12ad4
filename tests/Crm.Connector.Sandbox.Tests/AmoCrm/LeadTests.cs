using System.Net;

namespace Crm.Connector.Sandbox.Tests.AmoCrm;

/// <summary>amocrm-api.md §4.4, §5, §6: leads and their custom field values.</summary>
public sealed class LeadTests : AmoTest
{
    [Fact]
    public async Task Create_SelectByUnknownText_IsNotSupportedChoiceAtTheValuePath()
    {
        var field = await SelectFieldAsync();

        var reply = await Api.PostAsync("/api/v4/leads", $$"""[{"name":"L","custom_fields_values":[{"field_id":{{field}},"values":[{"value":"Premium"}]}]}]""");

        reply.Expect(HttpStatusCode.BadRequest);
        Assert.Equal([("NotSupportedChoice", "custom_fields_values.0.values.0.value")], reply.ValidationErrors());
        Assert.Equal(HttpStatusCode.NoContent, (await Api.GetAsync("/api/v4/leads")).Status);
    }

    [Fact]
    public async Task Create_SelectByExactTextOrEnumId_StoresTheEnum()
    {
        var field = await SelectFieldAsync();
        var vip = (await Api.GetAsync($"/api/v4/leads/custom_fields/{field}")).Expect(HttpStatusCode.OK)["enums"]!.Single(e => e.Value<string>("value") == "VIP").Value<long>("id");

        var ids = await CreateLeadsAsync($$"""{"name":"A","custom_fields_values":[{"field_id":{{field}},"values":[{"value":"VIP"}]}]}""", $$"""{"name":"B","custom_fields_values":[{"field_code":"TIER","values":[{"enum_id":{{vip}}}]}]}""");
        var leads = (await Api.GetAsync($"/api/v4/leads?filter[id][]={ids[0]}&filter[id][]={ids[1]}")).Expect(HttpStatusCode.OK)["_embedded"]!["leads"]!;

        Assert.All(leads, l => Assert.Equal((vip, "VIP"), (l["custom_fields_values"]![0]!["values"]![0]!.Value<long>("enum_id"), l["custom_fields_values"]![0]!["values"]![0]!.Value<string>("value"))));
    }

    [Fact]
    public async Task Create_EnumCodeOnASelect_IsFieldNotExpected()
    {
        var field = await SelectFieldAsync();

        var reply = await Api.PostAsync("/api/v4/leads", $$"""[{"name":"L","custom_fields_values":[{"field_id":{{field}},"values":[{"value":"VIP","enum_code":"VIP"}]}]}]""");

        Assert.Equal([("FieldNotExpected", "custom_fields_values.0.values.0.enum_code")], reply.ValidationErrors());
    }

    [Fact]
    public async Task Create_MoreThan40Values_IsRefused()
    {
        var field = (await Api.PostAsync("/api/v4/leads/custom_fields", """[{"name":"Many","type":"multiselect","enums":[{"value":"x"}]}]""")).Expect(HttpStatusCode.Created)["_embedded"]!["custom_fields"]![0]!;
        var values = string.Join(",", Enumerable.Repeat("""{"value":"x"}""", 41));

        var reply = await Api.PostAsync("/api/v4/leads", $$"""[{"name":"L","custom_fields_values":[{"field_id":{{field.Value<long>("id")}},"values":[{{values}}]}]}]""");

        Assert.Contains(("InvalidCount", "custom_fields_values"), reply.ValidationErrors());
    }

    [Fact]
    public async Task Won_WithoutPipelineId_IsRefusedWithIt_AndClosesTheLead()
    {
        var pipeline = await MainPipelineAsync();
        var lead = (await CreateLeadsAsync("""{"name":"L"}"""))[0];

        var without = await Api.PatchAsync($"/api/v4/leads/{lead}", """{"status_id":142}""");
        var with = await Api.PatchAsync($"/api/v4/leads/{lead}", $$"""{"status_id":142,"pipeline_id":{{pipeline}}}""");
        var after = (await Api.GetAsync($"/api/v4/leads/{lead}")).Expect(HttpStatusCode.OK);

        Assert.Contains(("FieldMissing", "pipeline_id"), without.ValidationErrors());
        with.Expect(HttpStatusCode.OK);
        Assert.Equal(142, after.Value<long>("status_id"));
        Assert.NotNull(after.Value<long?>("closed_at"));
    }

    [Fact]
    public async Task Lost_WithReason_KeepsTheReasonAndEmbedsIt()
    {
        var pipeline = await MainPipelineAsync();
        var reason = (await Api.PostAsync("/api/v4/leads/loss_reasons", """[{"name":"Дорого"}]""")).Expect(HttpStatusCode.OK)["_embedded"]!["loss_reasons"]![0]!.Value<long>("id");
        var lead = (await CreateLeadsAsync("""{"name":"L"}"""))[0];

        (await Api.PatchAsync("/api/v4/leads", $$"""[{"id":{{lead}},"status_id":143,"pipeline_id":{{pipeline}},"loss_reason_id":{{reason}}}]""")).Expect(HttpStatusCode.OK);
        var after = (await Api.GetAsync($"/api/v4/leads/{lead}?with=loss_reason")).Expect(HttpStatusCode.OK);

        Assert.Equal(reason, after.Value<long>("loss_reason_id"));
        Assert.Equal("Дорого", after["_embedded"]!["loss_reason"]![0]!.Value<string>("name"));
    }

    [Fact]
    public async Task List_FiltersByStatusPairAndUpdatedAt()
    {
        var pipeline = await MainPipelineAsync();
        var ids = await CreateLeadsAsync("""{"name":"A"}""", """{"name":"B"}""");
        (await Api.PatchAsync($"/api/v4/leads/{ids[1]}", $$"""{"status_id":142,"pipeline_id":{{pipeline}}}""")).Expect(HttpStatusCode.OK);

        var won = (await Api.GetAsync($"/api/v4/leads?filter[statuses][0][pipeline_id]={pipeline}&filter[statuses][0][status_id]=142")).Expect(HttpStatusCode.OK);
        var future = await Api.GetAsync("/api/v4/leads?filter[updated_at][from]=4102444800");

        Assert.Equal([ids[1]], won["_embedded"]!["leads"]!.Select(l => l.Value<long>("id")));
        Assert.Equal(HttpStatusCode.NoContent, future.Status);
    }

    [Fact]
    public async Task Create_WithEmbeddedContact_LinksItAndWithContactsShowsIt()
    {
        var contact = (await Api.PostAsync("/api/v4/contacts", """[{"name":"Иван","custom_fields_values":[{"field_code":"PHONE","values":[{"value":"+79990000000","enum_code":"MOB"}]}]}]"""))
            .Expect(HttpStatusCode.OK)["_embedded"]!["contacts"]![0]!.Value<long>("id");

        var lead = (await CreateLeadsAsync($$$"""{"name":"L","_embedded":{"contacts":[{"id":{{{contact}}},"is_main":true}]}}"""))[0];
        var shown = (await Api.GetAsync($"/api/v4/leads/{lead}?with=contacts")).Expect(HttpStatusCode.OK);
        var phone = (await Api.GetAsync($"/api/v4/contacts/{contact}")).Expect(HttpStatusCode.OK)["custom_fields_values"]![0]!["values"]![0]!;

        Assert.Equal((contact, true), (shown["_embedded"]!["contacts"]![0]!.Value<long>("id"), shown["_embedded"]!["contacts"]![0]!.Value<bool>("is_main")));
        Assert.Equal(("+79990000000", "MOB"), (phone.Value<string>("value"), phone.Value<string>("enum_code")));
    }

    [Fact]
    public async Task LinkAndUnlink_ChangeTheLinks()
    {
        var company = (await Api.PostAsync("/api/v4/companies", """[{"name":"ООО Ромашка"}]""")).Expect(HttpStatusCode.OK)["_embedded"]!["companies"]![0]!.Value<long>("id");
        var lead = (await CreateLeadsAsync("""{"name":"L"}"""))[0];

        (await Api.PostAsync($"/api/v4/leads/{lead}/link", $$"""[{"to_entity_id":{{company}},"to_entity_type":"companies"}]""")).Expect(HttpStatusCode.OK);
        var linked = (await Api.GetAsync($"/api/v4/leads/{lead}/links")).Expect(HttpStatusCode.OK);
        (await Api.PostAsync($"/api/v4/leads/{lead}/unlink", $$"""[{"to_entity_id":{{company}},"to_entity_type":"companies"}]""")).Expect(HttpStatusCode.NoContent);
        var after = await Api.GetAsync($"/api/v4/leads/{lead}/links");

        Assert.Equal(company, linked["_embedded"]!["links"]![0]!.Value<long>("to_entity_id"));
        Assert.Equal(HttpStatusCode.NoContent, after.Status);
    }

    [Fact]
    public async Task DeleteStatus_MovesItsLeadsToTheFirstStage()
    {
        var pipeline = (await Api.GetAsync("/api/v4/leads/pipelines")).Expect(HttpStatusCode.OK)["_embedded"]!["pipelines"]![0]!;
        var pipelineId = pipeline.Value<long>("id");
        var statuses = pipeline["_embedded"]!["statuses"]!;
        var first = statuses[1]!.Value<long>("id");
        var third = statuses[3]!.Value<long>("id");
        var lead = (await CreateLeadsAsync($$"""{"name":"L","status_id":{{third}},"pipeline_id":{{pipelineId}}}"""))[0];

        (await Api.DeleteAsync($"/api/v4/leads/pipelines/{pipelineId}/statuses/{third}")).Expect(HttpStatusCode.NoContent);
        var after = (await Api.GetAsync($"/api/v4/leads/{lead}")).Expect(HttpStatusCode.OK);

        Assert.Equal(first, after.Value<long>("status_id"));
    }

    [Fact]
    public async Task DeletePipeline_WithLeads_IsRefused()
    {
        var created = (await Api.PostAsync("/api/v4/leads/pipelines", """[{"name":"Second","is_main":false,"is_unsorted_on":false,"sort":2,"_embedded":{"statuses":[{"name":"S","sort":10}]}}]""")).Expect(HttpStatusCode.OK);
        var pipeline = created["_embedded"]!["pipelines"]![0]!.Value<long>("id");
        await CreateLeadsAsync($$"""{"name":"L","pipeline_id":{{pipeline}}}""");

        var reply = await Api.DeleteAsync($"/api/v4/leads/pipelines/{pipeline}");

        reply.Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Events_RecordLeadAddedAndStatusChanged()
    {
        var pipeline = await MainPipelineAsync();
        var lead = (await CreateLeadsAsync("""{"name":"L"}"""))[0];
        (await Api.PatchAsync($"/api/v4/leads/{lead}", $$"""{"status_id":143,"pipeline_id":{{pipeline}}}""")).Expect(HttpStatusCode.OK);

        var events = (await Api.GetAsync($"/api/v4/events?filter[entity]=lead&filter[entity_id]={lead}")).Expect(HttpStatusCode.OK)["_embedded"]!["events"]!;

        Assert.Equal(["lead_status_changed", "lead_added"], events.Select(e => e.Value<string>("type")));
        Assert.Equal(143, events[0]!["value_after"]![0]!["lead_status"]!.Value<long>("id"));
    }

    [Fact]
    public async Task Tasks_NeedResponsibleAndDeadlineAndFilterByEntity()
    {
        var lead = (await CreateLeadsAsync("""{"name":"L"}"""))[0];
        var user = Sandbox.AdminUserId;

        var missing = await Api.PostAsync("/api/v4/tasks", """[{"text":"Позвонить"}]""");
        (await Api.PostAsync("/api/v4/tasks", $$"""[{"text":"Позвонить","complete_till":1767261600,"task_type_id":1,"responsible_user_id":{{user}},"entity_id":{{lead}},"entity_type":"leads","request_id":"cb"}]""")).Expect(HttpStatusCode.OK);
        var tasks = (await Api.GetAsync($"/api/v4/tasks?filter[entity_type]=leads&filter[entity_id][]={lead}&filter[is_completed]=0")).Expect(HttpStatusCode.OK)["_embedded"]!["tasks"]!;
        var shown = (await Api.GetAsync($"/api/v4/leads/{lead}")).Expect(HttpStatusCode.OK);

        Assert.Equal(["complete_till", "responsible_user_id"], missing.ValidationErrors().Select(e => e.Path).Order());
        Assert.Equal("Позвонить", Assert.Single(tasks).Value<string>("text"));
        Assert.Equal(1767261600, shown.Value<long>("closest_task_at"));
    }

    [Fact]
    public async Task Notes_CreatedOnALeadAreListed()
    {
        var lead = (await CreateLeadsAsync("""{"name":"L"}"""))[0];

        (await Api.PostAsync($"/api/v4/leads/{lead}/notes", """[{"note_type":"common","params":{"text":"Перезвонить в среду"}}]""")).Expect(HttpStatusCode.OK);
        (await Api.PostAsync("/api/v4/leads/notes", $$$"""[{"entity_id":{{{lead}}},"note_type":"service_message","params":{"service":"Crm.Connector","text":"Копия"}}]""")).Expect(HttpStatusCode.OK);
        var notes = (await Api.GetAsync($"/api/v4/leads/{lead}/notes")).Expect(HttpStatusCode.OK)["_embedded"]!["notes"]!;

        Assert.Equal(["common", "service_message"], notes.Select(n => n.Value<string>("note_type")));
    }

    private async Task<long> SelectFieldAsync() =>
        (await Api.PostAsync("/api/v4/leads/custom_fields", """[{"name":"Tier","type":"select","code":"TIER","enums":[{"value":"Regular"},{"value":"VIP"}]}]"""))
            .Expect(HttpStatusCode.Created)["_embedded"]!["custom_fields"]![0]!.Value<long>("id");

    private async Task<long> MainPipelineAsync() =>
        (await Api.GetAsync("/api/v4/leads/pipelines")).Expect(HttpStatusCode.OK)["_embedded"]!["pipelines"]![0]!.Value<long>("id");

    private async Task<long[]> CreateLeadsAsync(params string[] leads)
    {
        var reply = (await Api.PostAsync("/api/v4/leads", $"[{string.Join(",", leads)}]")).Expect(HttpStatusCode.OK);
        return [.. reply["_embedded"]!["leads"]!.Select(l => l.Value<long>("id"))];
    }
}
