using Crm.Connector.Templates.Validation;
using Newtonsoft.Json.Linq;
using static Crm.Connector.Templates.Tests.TemplateFixtures;

namespace Crm.Connector.Templates.Tests.Validation;

/// <summary>
/// One broken template per rule: the minimal fixture with a single change, and the finding it must produce (code and
/// JSON path). The fixture itself is valid, so each case fails only for the rule it breaks.
/// </summary>
public sealed class SemanticRuleTests
{
    private static readonly Dictionary<string, (Action<JObject> Break, string Code, string Path)> Cases = new()
    {
        ["duplicate pipeline key"] = (t => Set(t, "$.pipelines[1].key", "\"sales\""), DiagnosticCodes.Duplicate, "$.pipelines[1].key"),
        ["duplicate stage code"] = (t => Set(t, "$.pipelines[0].stages[1].code", "\"NEW\""), DiagnosticCodes.Duplicate, "$.pipelines[0].stages[1].code"),
        ["duplicate field code"] = (t => Set(t, "$.fields.deal[2].code", "\"SCORE_A\""), DiagnosticCodes.Duplicate, "$.fields.deal[2].code"),
        ["duplicate list item code"] = (t => Set(t, "$.fields.deal[0].items[1].code", "\"EXPENSIVE\""), DiagnosticCodes.Duplicate, "$.fields.deal[0].items[1].code"),
        ["duplicate automation key"] = (t => Set(t, "$.automations[1].key", "\"notify-work\""), DiagnosticCodes.Duplicate, "$.automations[1].key"),
        ["duplicate process key"] = (t => Set(t, "$.processes[2].key", "\"scoring\""), DiagnosticCodes.Duplicate, "$.processes[2].key"),
        ["duplicate source code"] = (t => ((JArray)t["sources"]!).Add(JObject.Parse("{\"code\": \"WEB\", \"name\": \"Ещё сайт\"}")), DiagnosticCodes.Duplicate, "$.sources[1].code"),
        ["two success stages"] = (t => Set(t, "$.pipelines[1].stages[2].semantics", "\"success\""), DiagnosticCodes.SuccessStageCount, "$.pipelines[1].stages[2].semantics"),
        ["no success stage"] = (t => Set(t, "$.pipelines[1].stages[1].semantics", "\"failure\""), DiagnosticCodes.SuccessStageCount, "$.pipelines[1].stages"),
        ["failure before success"] = (t => Swap(t, "$.pipelines[0].stages", 2, 3), DiagnosticCodes.StageOrder, "$.pipelines[0].stages[3]"),
        ["in-progress after success"] = (t => Swap(t, "$.pipelines[1].stages", 0, 1), DiagnosticCodes.StageOrder, "$.pipelines[1].stages[1]"),
        ["no in-progress stage"] = (t => Remove(t, "$.pipelines[1].stages[0]"), DiagnosticCodes.NoProcessStage, "$.pipelines[1].stages"),
        ["pipeline stage code too long for STATUS_ID"] = (t => Set(t, "$.pipelines[1].stages[0].code", "\"OPEN_FOR_REVIEW\""), DiagnosticCodes.StageCodeLength, "$.pipelines[1].stages[0].code"),
        ["lead status code too long"] = (t => Set(t, "$.leadFunnel.stages[2].code", "\"JUNK_LEAD_THAT_IS_SPAM_\""), DiagnosticCodes.Schema, "$.leadFunnel.stages[2].code"),
        ["stage reasons without reason field"] = (t => Remove(t, "$.pipelines[0].reasonField"), DiagnosticCodes.StageReasons, "$.pipelines[0].stages[3].reasons"),
        ["reason that is not an item"] = (t => Set(t, "$.pipelines[0].stages[3].reasons[0]", "\"CHEAP\""), DiagnosticCodes.StageReasons, "$.pipelines[0].stages[3].reasons[0]"),
        ["reason field that is not a list"] = (t => Set(t, "$.pipelines[0].reasonField", "\"SCORE_A\""), DiagnosticCodes.StageReasons, "$.pipelines[0].reasonField"),
        ["reason field that does not exist"] = (t => Set(t, "$.pipelines[0].reasonField", "\"WHY\""), DiagnosticCodes.UnresolvedReference, "$.pipelines[0].reasonField"),
        ["field code not A-Z0-9_"] = (t => Set(t, "$.fields.deal[1].code", "\"score-a\""), DiagnosticCodes.Schema, "$.fields.deal[1].code"),
        ["field code over 43 characters"] = (t => Set(t, "$.fields.deal[8].code", "\"" + new string('S', 44) + "\""), DiagnosticCodes.Schema, "$.fields.deal[8].code"),
        ["field code with the CRM's own prefix"] = (t => Set(t, "$.fields.deal[8].code", "\"UF_CRM_START\""), DiagnosticCodes.FieldCode, "$.fields.deal[8].code"),
        ["list field without items"] = (t => Set(t, "$.fields.lead[0].items", "[]"), DiagnosticCodes.ListItems, "$.fields.lead[0].items"),
        ["items on a number field"] = (t => Set(t, "$.fields.deal[1].items", "[{\"code\": \"X\", \"name\": \"x\"}]"), DiagnosticCodes.ListItems, "$.fields.deal[1].items"),
        ["list item without a code"] = (t => Remove(t, "$.fields.deal[0].items[0].code"), DiagnosticCodes.Schema, "$.fields.deal[0].items[0]"),
        ["list with two defaults"] = (t => { Set(t, "$.fields.lead[0].items[0].default", "true"); Set(t, "$.fields.lead[0].items[1].default", "true"); }, DiagnosticCodes.ListItems, "$.fields.lead[0].items"),
        ["multiple boolean"] = (t => Set(t, "$.fields.deal[3].multiple", "true"), DiagnosticCodes.FieldMultiple, "$.fields.deal[3].multiple"),
        ["multiple list"] = (t => Set(t, "$.fields.lead[0].multiple", "true"), DiagnosticCodes.FieldMultiple, "$.fields.lead[0].multiple"),
        ["required from a stage on a contact field"] = (t => Set(t, "$.fields.contact[0].requiredFrom", "[{\"stage\": \"NEW\"}]"), DiagnosticCodes.FieldRequiredFrom, "$.fields.contact[0].requiredFrom[0]"),
        ["required from a deal stage without pipeline"] = (t => Set(t, "$.fields.deal[8].requiredFrom", "[{\"stage\": \"WORK\"}]"), DiagnosticCodes.FieldRequiredFrom, "$.fields.deal[8].requiredFrom[0]"),
        ["required from a stage that does not exist"] = (t => Set(t, "$.fields.deal[8].requiredFrom", "[{\"pipeline\": \"sales\", \"stage\": \"OPEN\"}]"), DiagnosticCodes.UnresolvedReference, "$.fields.deal[8].requiredFrom[0].stage"),
        ["required built-in field the entity lacks"] = (t => Set(t, "$.requiredSystemFields", "{\"contact\": [\"amount\"]}"), DiagnosticCodes.UnresolvedReference, "$.requiredSystemFields.contact[0]"),
        ["unknown plan"] = (t => Set(t, "$.pipelines[1].requiresPlan", "\"gold\""), DiagnosticCodes.UnknownPlan, "$.pipelines[1].requiresPlan"),
        ["plan of another CRM"] = (t => Set(t, "$.automations[0].requiresPlan", "\"advanced\""), DiagnosticCodes.UnknownPlan, "$.automations[0].requiresPlan"),
        ["no main pipeline"] = (t => Set(t, "$.pipelines[0].main", "false"), DiagnosticCodes.MainPipelinePlan, "$.pipelines"),
        ["two main pipelines"] = (t => Set(t, "$.pipelines[1].main", "true"), DiagnosticCodes.MainPipelinePlan, "$.pipelines[1].main"),
        ["main pipeline on a higher plan"] = (t => Set(t, "$.pipelines[0].requiresPlan", "\"standard\""), DiagnosticCodes.MainPipelinePlan, "$.pipelines[0].requiresPlan"),
        ["trigger stage that does not exist"] = (t => Set(t, "$.automations[0].trigger.stages[0]", "\"WROK\""), DiagnosticCodes.UnresolvedReference, "$.automations[0].trigger.stages[0]"),
        ["trigger stage of another pipeline"] = (t => Set(t, "$.automations[0].trigger.stages[0]", "\"OPEN\""), DiagnosticCodes.UnresolvedReference, "$.automations[0].trigger.stages[0]"),
        ["automation pipeline that does not exist"] = (t => Set(t, "$.automations[0].pipeline", "\"salez\""), DiagnosticCodes.UnresolvedReference, "$.automations[0].pipeline"),
        ["pipeline on a lead automation"] = (t => Set(t, "$.automations[2].pipeline", "\"sales\""), DiagnosticCodes.Trigger, "$.automations[2].pipeline"),
        ["stage trigger on a contact"] = (t => Set(t, "$.automations[3].entity", "\"contact\""), DiagnosticCodes.Trigger, "$.automations[3].trigger"),
        ["field change seen on another entity"] = (t => Set(t, "$.automations[1].trigger.fields[0]", "\"contact.KIND\""), DiagnosticCodes.Trigger, "$.automations[1].trigger.fields[0]"),
        ["field date on a number field"] = (t => Set(t, "$.automations[3].trigger", "{\"type\": \"fieldDate\", \"field\": \"SCORE_A\", \"before\": {\"days\": 2}}"), DiagnosticCodes.Trigger, "$.automations[3].trigger.field"),
        ["field date with both before and after"] = (t => Set(t, "$.automations[3].trigger", "{\"type\": \"fieldDate\", \"field\": \"START\", \"before\": {\"days\": 2}, \"after\": {\"days\": 1}}"), DiagnosticCodes.Trigger, "$.automations[3].trigger"),
        ["condition on a field that does not exist"] = (t => Set(t, "$.automations[0].condition.field", "\"contact.KINDS\""), DiagnosticCodes.UnresolvedReference, "$.automations[0].condition.field"),
        ["condition value that is not a list item"] = (t => Set(t, "$.automations[0].condition.value", "\"FLEAT\""), DiagnosticCodes.Condition, "$.automations[0].condition.value"),
        ["greater-than on a list field"] = (t => Set(t, "$.automations[0].condition.op", "\"gt\""), DiagnosticCodes.Condition, "$.automations[0].condition.op"),
        ["emptiness test with a value"] = (t => Set(t, "$.automations[0].condition.op", "\"empty\""), DiagnosticCodes.Condition, "$.automations[0].condition.value"),
        ["in without a list"] = (t => Set(t, "$.automations[0].condition", "{\"field\": \"contact.KIND\", \"op\": \"in\"}"), DiagnosticCodes.Condition, "$.automations[0].condition"),
        ["number compared with text"] = (t => Set(t, "$.automations[0].condition", "{\"field\": \"SCORE_A\", \"op\": \"gt\", \"value\": \"ten\"}"), DiagnosticCodes.Condition, "$.automations[0].condition.value"),
        ["stage compared with another pipeline's stage"] = (t => Set(t, "$.automations[0].condition", "{\"field\": \"stage\", \"op\": \"eq\", \"value\": \"DONE\"}"), DiagnosticCodes.UnresolvedReference, "$.automations[0].condition.value"),
        ["nested condition error is located"] = (t => Set(t, "$.automations[0].condition", "{\"any\": [{\"field\": \"SCORE_A\", \"op\": \"gt\", \"value\": 10}, {\"not\": {\"field\": \"NOPE\", \"op\": \"notEmpty\"}}]}"), DiagnosticCodes.UnresolvedReference, "$.automations[0].condition.any[1].not.field"),
        ["run a process that does not exist"] = (t => Set(t, "$.automations[1].actions[0].process", "\"scorring\""), DiagnosticCodes.UnresolvedReference, "$.automations[1].actions[0].process"),
        ["run a deal process from a lead automation"] = (t => Set(t, "$.automations[2].actions[0].process", "\"scoring\""), DiagnosticCodes.Action, "$.automations[2].actions[0].process"),
        ["task for a position that does not exist"] = (t => Set(t, "$.automations[3].actions[0].to", "\"position:boss\""), DiagnosticCodes.UnresolvedReference, "$.automations[3].actions[0].to"),
        ["notify a field that is not a user"] = (t => Set(t, "$.automations[0].actions[0].to", "\"field:SCORE_A\""), DiagnosticCodes.Action, "$.automations[0].actions[0].to"),
        ["notify the contact"] = (t => Set(t, "$.automations[0].actions[0].to", "\"contact\""), DiagnosticCodes.Action, "$.automations[0].actions[0].to"),
        ["placeholder naming no field"] = (t => Set(t, "$.automations[0].actions[0].message", "\"Сделка {TITEL}\""), DiagnosticCodes.Placeholder, "$.automations[0].actions[0].message"),
        ["return to previous stage without a stage trigger"] = (t => Set(t, "$.automations[1].actions[0]", "{\"type\": \"requireFields\", \"fields\": [\"SCORE_A\"]}"), DiagnosticCodes.Action, "$.automations[1].actions[0].returnToPreviousStage"),
        ["set field with both value and from"] = (t => Set(t, "$.automations[0].actions[0]", "{\"type\": \"setField\", \"field\": \"SCORE_A\", \"value\": 1, \"from\": \"SCORE_B\"}"), DiagnosticCodes.Action, "$.automations[0].actions[0]"),
        ["set a list field to a non-item"] = (t => Set(t, "$.automations[0].actions[0]", "{\"type\": \"setField\", \"field\": \"LOSS_REASON\", \"value\": \"CHEAP\"}"), DiagnosticCodes.Condition, "$.automations[0].actions[0].value"),
        ["set a user field to a constant"] = (t => Set(t, "$.automations[0].actions[0]", "{\"type\": \"setField\", \"field\": \"MASTER\", \"value\": \"Иван\"}"), DiagnosticCodes.Action, "$.automations[0].actions[0].value"),
        ["move a contact to a stage"] = (t => { Set(t, "$.automations[1].entity", "\"contact\""); Set(t, "$.automations[1].trigger.fields[0]", "\"KIND\""); Set(t, "$.automations[1].trigger.fields[1]", "\"name\""); Set(t, "$.automations[1].actions[0]", "{\"type\": \"moveToStage\", \"stage\": \"WON\"}"); }, DiagnosticCodes.Action, "$.automations[1].actions[0]"),
        ["move to a stage of another pipeline"] = (t => Set(t, "$.automations[0].actions[0]", "{\"type\": \"moveToStage\", \"pipeline\": \"service\", \"stage\": \"WORK\"}"), DiagnosticCodes.UnresolvedReference, "$.automations[0].actions[0].stage"),
        ["copy a lead"] = (t => Set(t, "$.automations[2].actions[0]", "{\"type\": \"copyDeal\", \"pipeline\": \"service\", \"stage\": \"OPEN\"}"), DiagnosticCodes.Action, "$.automations[2].actions[0]"),
        ["action after a copy checked against the target pipeline"] = (t => Set(t, "$.automations[0].actions[0]", "{\"type\": \"copyDeal\", \"pipeline\": \"service\", \"stage\": \"OPEN\", \"then\": [{\"type\": \"moveToStage\", \"stage\": \"WORK\"}]}"), DiagnosticCodes.UnresolvedReference, "$.automations[0].actions[0].then[0].stage"),
        ["assign among an unknown position"] = (t => Set(t, "$.automations[0].actions[0]", "{\"type\": \"assign\", \"among\": \"sellers\"}"), DiagnosticCodes.UnresolvedReference, "$.automations[0].actions[0].among"),
        ["score field that is not a number"] = (t => Set(t, "$.processes[0].scoreFields[1]", "\"ADMITTED\""), DiagnosticCodes.Process, "$.processes[0].scoreFields[1]"),
        ["result field that is not yes/no"] = (t => Set(t, "$.processes[0].resultField", "\"SCORE_B\""), DiagnosticCodes.Process, "$.processes[0].resultField"),
        ["threshold that can never be reached"] = (t => Set(t, "$.processes[0].threshold", "425"), DiagnosticCodes.Process, "$.processes[0].threshold"),
        ["route to a pipeline that does not exist"] = (t => Set(t, "$.processes[1].rules[0].pipeline", "\"rent\""), DiagnosticCodes.UnresolvedReference, "$.processes[1].rules[0].pipeline"),
        ["route on a condition naming a deal field"] = (t => Set(t, "$.processes[1].rules[0].when.field", "\"SCORE_A\""), DiagnosticCodes.UnresolvedReference, "$.processes[1].rules[0].when.field"),
        ["payments field that holds one value"] = (t => Set(t, "$.processes[2].paymentsField", "\"PAID\""), DiagnosticCodes.Process, "$.processes[2].paymentsField"),
        ["robot running a process that does not exist"] = (t => Set(t, "$.robots[0].process", "\"score\""), DiagnosticCodes.UnresolvedReference, "$.robots[0].process"),
        ["robot offered where its process cannot run"] = (t => Set(t, "$.robots[0].entities", "[\"lead\"]"), DiagnosticCodes.Robot, "$.robots[0].entities[0]"),
        ["robot select without options"] = (t => Set(t, "$.robots[0].properties[0].options", "[]"), DiagnosticCodes.Robot, "$.robots[0].properties[0].options"),
        ["robot default that is not an option"] = (t => Set(t, "$.robots[0].properties[0].default", "\"B\""), DiagnosticCodes.Robot, "$.robots[0].properties[0].default"),
        ["robot placed on a stage that does not exist"] = (t => Set(t, "$.robots[0].placement", "{\"stages\": [{\"pipeline\": \"sales\", \"stage\": \"OPEN\"}]}"), DiagnosticCodes.UnresolvedReference, "$.robots[0].placement.stages[0].stage"),
        ["robot placed in a pipeline that does not exist"] = (t => Set(t, "$.robots[0].placement", "{\"stages\": [{\"pipeline\": \"repair\", \"stage\": \"NEW\"}]}"), DiagnosticCodes.UnresolvedReference, "$.robots[0].placement.stages[0].pipeline"),
        ["deal robot placed on a lead stage"] = (t => Set(t, "$.robots[0].placement", "{\"stages\": [{\"stage\": \"NEW\"}]}"), DiagnosticCodes.Robot, "$.robots[0].placement.stages[0]"),
        ["robot code with a space"] = (t => Set(t, "$.robots[0].code", "\"crmc scoring\""), DiagnosticCodes.Schema, "$.robots[0].code"),
        ["title without English"] = (t => Set(t, "$.title", "\"Минимальный\""), DiagnosticCodes.Localization, "$.title"),
        ["amoCRM template with a lead funnel"] = (t => ToAmoCrm(t), DiagnosticCodes.CrmCapability, "$.leadFunnel"),
        ["amoCRM template with robots"] = (t => ToAmoCrm(t), DiagnosticCodes.CrmCapability, "$.robots"),
        ["amoCRM template with lead fields"] = (t => ToAmoCrm(t), DiagnosticCodes.CrmCapability, "$.fields.lead"),
        ["amoCRM stage colour outside its palette"] = (t => ToAmoCrm(t), DiagnosticCodes.CrmCapability, "$.pipelines[0].stages[0].color"),
        ["amoCRM user field"] = (t => ToAmoCrm(t), DiagnosticCodes.CrmCapability, "$.fields.deal[4].type"),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Fact]
    public void Validate_MinimalFixture_HasNoFindings()
    {
        var result = Load(Minimal());

        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Validate_BrokenTemplate_ReportsTheRuleAtItsPath(string name)
    {
        var (breakIt, code, path) = Cases[name];
        var template = Minimal();
        breakIt(template);

        var result = Load(template);

        Assert.False(result.IsValid);
        Assert.True(
            result.Diagnostics.Any(d => d.Code == code && d.Path == path && d.IsError),
            $"expected {code} at {path}; got:\n{string.Join('\n', result.Diagnostics)}");
    }

    [Fact]
    public void Validate_RobotAloneRunningItsProcessWithoutPlacement_WarnsWhereAnAdminMustPutIt()
    {
        var template = Minimal();
        Remove(template, "$.automations[1]");

        var result = Load(template);

        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.RobotPlacement, "$.robots[0].code", DiagnosticSeverity.Warning), (warning.Code, warning.Path, warning.Severity));

        Set(template, "$.robots[0].placement", "{\"stages\": [{\"pipeline\": \"sales\", \"stage\": \"WORK\"}], \"note\": \"После заполнения тестов\"}");
        Assert.Empty(Load(template).Diagnostics);
    }

    [Fact]
    public void Validate_ProcessNothingRuns_WarnsButStaysValid()
    {
        var template = Minimal();
        Remove(template, "$.automations[4]");

        var result = Load(template);

        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnusedProcess, "$.processes[2].key", DiagnosticSeverity.Warning), (warning.Code, warning.Path, warning.Severity));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("$.invoiceStages", "[]")]
    [InlineData("$.invoiceStages[0].stage", "\"WROK\"")]
    [InlineData("$.invoiceNumberField", "\"PAID\"")]
    [InlineData("$.paidField", "\"PAYMENTS\"")]
    [InlineData("$.innField", "\"INN\"")]
    [InlineData("$.paymentMoves[0].to", "\"DONE\"")]
    [InlineData("$.paymentMoves[0].from[0]", "\"OPEN\"")]
    [InlineData("$.lineText", "\"Оплата {TITEL}\"")]
    public void Validate_OneCSync_RunsByItself_AndItsFieldsAndStagesAreChecked(string? path, string? value)
    {
        var template = Minimal();
        ((JArray)template["processes"]!).Add(JObject.Parse("""
            {
              "key": "onec", "kind": "oneCSync", "name": "1С", "requiresPlan": "professional",
              "invoiceStages": [{ "pipeline": "sales", "stage": "WORK" }],
              "invoiceNumberField": "INVOICE_NO", "paidField": "PAID", "remainingField": "REMAINING", "lineText": "Оплата {title}",
              "paymentMoves": [{ "pipeline": "sales", "from": ["WORK"], "when": "paid", "to": "WON" }]
            }
            """));
        ((JArray)template["fields"]!["deal"]!).Add(JObject.Parse("""{ "code": "INVOICE_NO", "name": "Счёт 1С №", "type": "string" }"""));
        if (path is not null)
        {
            Set(template, "$.processes[3]" + path[1..], value!);
        }

        var result = Load(template);

        // A valid section needs no automation to start it (no "nothing runs it" warning); a broken one is an error at its path.
        if (path is null)
        {
            Assert.Empty(result.Diagnostics);
        }
        else
        {
            Assert.Contains(result.Errors, d => d.Path.StartsWith("$.processes[3]" + path[1..], StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("WAITING_FOR_PAY", DiagnosticSeverity.Warning)]
    [InlineData("WAITING_FOR_PAYMENT_X", DiagnosticSeverity.Warning)]
    public void Validate_LongStageCodeInTheMainPipeline_WarnsWhileItFitsThePortalsDefaultPipeline(string code, DiagnosticSeverity expected)
    {
        var template = Minimal();
        Set(template, "$.pipelines[0].stages[0].code", $"\"{code}\"");

        var finding = Assert.Single(Load(template).Diagnostics, d => d.Code == DiagnosticCodes.StageCodeLength);

        Assert.Equal(("$.pipelines[0].stages[0].code", expected), (finding.Path, finding.Severity));
    }

    [Fact]
    public void Validate_UnknownPlanAlias_SuggestsTheCanonicalPlan()
    {
        var template = Minimal();
        Set(template, "$.pipelines[1].requiresPlan", "\"crm-plus\"");

        var finding = Assert.Single(Load(template).Errors);

        Assert.Equal("Use 'standard'.", finding.Fix);
    }

    [Fact]
    public void Validate_MisspeltStage_SuggestsTheIntendedOne()
    {
        var template = Minimal();
        Set(template, "$.automations[0].trigger.stages[0]", "\"WROK\"");

        var finding = Assert.Single(Load(template).Errors);

        Assert.Equal("Did you mean 'WORK'?", finding.Fix);
    }

    private static void Swap(JObject template, string arrayPath, int a, int b)
    {
        var array = (JArray)template.SelectToken(arrayPath)!;
        (array[a], array[b]) = (array[b].DeepClone(), array[a].DeepClone());
    }

    private static void ToAmoCrm(JObject template) => Set(template, "$.crm", "\"amocrm\"");
}
