using Crm.Connector.Functions.AmoCrm.Work;
using Newtonsoft.Json.Linq;
using static Crm.Connector.Functions.Tests.AmoCrm.Work.AmoWorkFixtures;

namespace Crm.Connector.Functions.Tests.AmoCrm.Work;

public sealed class AmoItemMapperTests
{
    private readonly AmoItemMapper _mapper = new(OnlineSchool, Ledger(), Lists(), Moscow);

    [Fact]
    public void ToState_LeadInRecordedStage_HasTemplatePipelineStageAndBuiltIns()
    {
        var state = _mapper.ToState("deal", 31000001, Lead());

        Assert.Equal("course-sale", state.Pipeline);
        Assert.Equal("QUALIFIED", state.Stage);
        Assert.Equal("process", state["stageSemantics"]);
        Assert.Equal("Заявка с сайта: Иванова", state["title"]);
        Assert.Equal(45000m, state["amount"]);
        Assert.Equal("8001", state["responsible"]);
        Assert.Equal("2024-10-27T07:33:20+03:00", state["modified"]);
        Assert.Null(state["stageChangedAt"]);
        Assert.Equal(new List<string> { "сайт" }, state[AmoItemMapper.Tags]);
    }

    [Theory]
    [InlineData(142, "WON", "success")]
    [InlineData(143, "LOST", "failure")]
    public void ToState_ClosedStatusNotInLedger_IsThePipelinesOutcomeStage(long status, string stage, string semantics)
    {
        var lead = Lead();
        lead["status_id"] = status;
        lead["closed_at"] = 1730007200;

        var state = _mapper.ToState("deal", 31000001, lead);

        Assert.Equal(stage, state.Stage);
        Assert.Equal(semantics, state["stageSemantics"]);
        Assert.Equal("2024-10-27T08:33:20+03:00", state["stageChangedAt"]);
    }

    [Fact]
    public void ToState_StatusUnknownToTemplate_KeepsTheAccountsStageId()
    {
        var lead = Lead();
        lead["status_id"] = 99;

        Assert.Equal("5001:99", _mapper.ToState("deal", 31000001, lead).Stage);
    }

    [Fact]
    public void ToState_SelectByEnumId_IsTheTemplateItemCode()
    {
        Assert.Equal("PHP", _mapper.ToState("deal", 31000001, Lead())["COURSE"]);
    }

    [Fact]
    public void ToState_SelectItemOnlyInAccountLists_IsFoundByItsName()
    {
        var lead = Lead();
        lead["custom_fields_values"]![0]!["values"] = JArray.Parse("""[ { "enum_id": 9004 } ]""");

        Assert.Equal("JAVASCRIPT", _mapper.ToState("deal", 31000001, lead)["COURSE"]);
    }

    [Fact]
    public void ToState_DateAndDateTime_AreIsoWithTheAccountsOffset()
    {
        var state = _mapper.ToState("deal", 31000001, Lead());

        Assert.Equal("2024-11-01T00:00:00+03:00", state["COURSE_START"]);
        Assert.Equal("2024-11-01T11:00:00+03:00", state["WEBINAR_START"]);
        Assert.Equal("ОП.01.11.22", state["STUDY_GROUP"]);
    }

    [Fact]
    public void ToState_LostWithReasonId_IsTheReasonCode()
    {
        Assert.Equal("EXPENSIVE", _mapper.ToState("deal", 31000001, LostLead())["LOSS_REASON"]);
    }

    [Fact]
    public void ToState_ReasonNotInLedger_IsFoundByItsEmbeddedName()
    {
        var lead = LostLead();
        lead["loss_reason_id"] = 399;
        lead["_embedded"]!["loss_reason"] = JArray.Parse("""[ { "id": 399, "name": "Выбрали других" } ]""");

        Assert.Equal("CHOSE_OTHERS", _mapper.ToState("deal", 31000001, lead)["LOSS_REASON"]);
    }

    [Fact]
    public void ToState_Contact_HasNamePhoneAndEmail()
    {
        var state = _mapper.ToState("contact", 41000001, Contact());

        Assert.Equal("Анна Иванова", state["name"]);
        Assert.Equal("+79991234567", state["phone"]);
        Assert.Equal("anna@example.com", state["email"]);
    }

    [Fact]
    public void ContactIds_LeadWithContacts_MainContactFirst()
    {
        Assert.Equal([41000001L, 41000002L], AmoItemMapper.ContactIds(Lead()));
        Assert.Equal(51000001L, AmoItemMapper.CompanyId(Lead()));
    }

    [Fact]
    public void ToUpdate_ListCode_IsWrittenByEnumId()
    {
        var body = _mapper.ToUpdate("deal", new Dictionary<string, object?> { ["COURSE"] = "DESIGN" });

        Assert.True(JToken.DeepEquals(JObject.Parse("""{ "custom_fields_values": [ { "field_id": 701, "values": [ { "enum_id": 9002 } ] } ] }"""), body), body.ToString());
    }

    [Fact]
    public void ToUpdate_Dates_AreUnixSecondsOfTheAccountsMidnightAndTheInstant()
    {
        var body = _mapper.ToUpdate("deal", new Dictionary<string, object?> { ["COURSE_START"] = "2024-11-01", ["WEBINAR_START"] = "2024-11-01T11:00:00+03:00" });

        Assert.Equal(1730408400, body["custom_fields_values"]![0]!["values"]![0]!.Value<long>("value"));
        Assert.Equal(1730448000, body["custom_fields_values"]![1]!["values"]![0]!.Value<long>("value"));
    }

    [Fact]
    public void ToUpdate_BuiltInsStageAndReason_AreLeadProperties()
    {
        var body = _mapper.ToUpdate(
            "deal",
            new Dictionary<string, object?> { ["title"] = "Новое имя", ["amount"] = 1500.4m, ["responsible"] = "8002", ["stage"] = "LOST", ["LOSS_REASON"] = "SPAM" },
            currentPipeline: "course-sale");

        Assert.True(
            JToken.DeepEquals(JObject.Parse("""{ "name": "Новое имя", "price": 1500, "responsible_user_id": 8002, "pipeline_id": 5001, "status_id": 143, "loss_reason_id": 305 }"""), body),
            body.ToString());
    }

    [Fact]
    public void ToUpdate_StageOfOnePipelineOnly_FindsItsPipeline()
    {
        var body = _mapper.ToUpdate("deal", new Dictionary<string, object?> { ["stage"] = "COLD_CALL" });

        Assert.Equal(5004, body.Value<long>("pipeline_id"));
        Assert.Equal(81, body.Value<long>("status_id"));
    }

    [Fact]
    public void ToUpdate_UnknownAndReadOnlyNames_AreLeftOut()
    {
        var body = _mapper.ToUpdate("deal", new Dictionary<string, object?> { ["NO_SUCH_FIELD"] = "x", ["stageSemantics"] = "success", ["modified"] = "2024-01-01", ["TEACHER"] = "MIKHAILOVA" });

        Assert.Empty(body);
    }

    [Fact]
    public void ToUpdate_ThenToState_GivesTheValuesBack()
    {
        var values = new Dictionary<string, object?>
        {
            ["title"] = "Курс PHP",
            ["stage"] = "ACCEPTED",
            ["pipeline"] = "course-sale",
            ["COURSE"] = "PHP",
            ["COURSE_START"] = "2024-11-01T00:00:00+03:00",
            ["WEBINAR_START"] = "2024-11-01T11:00:00+03:00",
            ["STUDY_GROUP"] = "ОП.01.11.22",
            ["LOSS_REASON"] = "EXPENSIVE",
        };

        var state = _mapper.ToState("deal", 1, _mapper.ToUpdate("deal", values));

        foreach (var (name, value) in values)
        {
            Assert.Equal(value, state[name]);
        }
    }

    [Fact]
    public void Display_ListCode_IsTheItemName()
    {
        Assert.Equal("PHP, Дизайн", _mapper.Display("deal", "COURSE", new List<string> { "PHP", "DESIGN" }));
        Assert.Equal("Муж.", _mapper.Display("deal", "contact.GENDER", "MALE"));
    }

    [Fact]
    public void StageId_OutcomeStageNotInLedger_IsTheSharedStatusInThePipeline()
    {
        Assert.Equal("5001:64", _mapper.StageId("course-sale", "QUALIFIED"));
        Assert.Equal("5001:142", _mapper.StageId("course-sale", "WON"));
        Assert.Null(_mapper.StageId("webinar", "REGISTERED"));
        Assert.Equal(5004, _mapper.PipelineId("reanimation"));
    }

    [Fact]
    public void CopyOf_Lead_IsAPostBodyWithWritableValuesTagsAndLinks()
    {
        var copy = AmoItemMapper.CopyOf(Lead(), Reanimation, 81, copyFields: true);

        Assert.Equal(5004, copy.Value<long>("pipeline_id"));
        Assert.Equal(81, copy.Value<long>("status_id"));
        Assert.Equal(45000, copy.Value<long>("price"));
        Assert.Equal(8001, copy.Value<long>("responsible_user_id"));
        Assert.True(JToken.DeepEquals(JArray.Parse("""[ { "enum_id": 9003 } ]"""), copy["custom_fields_values"]![0]!["values"]));
        Assert.True(JToken.DeepEquals(JArray.Parse("""[ { "value": 1730408400 } ]"""), copy["custom_fields_values"]![1]!["values"]));
        Assert.True(JToken.DeepEquals(JArray.Parse("""[ { "id": 41000001, "is_main": true }, { "id": 41000002, "is_main": false } ]"""), copy["_embedded"]!["contacts"]));
        Assert.True(JToken.DeepEquals(JArray.Parse("""[ { "id": 51000001 } ]"""), copy["_embedded"]!["companies"]));
        Assert.True(JToken.DeepEquals(JArray.Parse("""[ { "name": "сайт" } ]"""), copy["_embedded"]!["tags"]));
        Assert.Null(copy["loss_reason_id"]);
    }

    [Fact]
    public void CopyOf_WithoutFields_HasNoCustomFieldValues()
    {
        Assert.Null(AmoItemMapper.CopyOf(Lead(), Reanimation, 81, copyFields: false)["custom_fields_values"]);
    }
}
