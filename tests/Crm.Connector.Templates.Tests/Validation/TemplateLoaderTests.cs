using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Validation;
using Newtonsoft.Json;
using static Crm.Connector.Templates.Tests.TemplateFixtures;

namespace Crm.Connector.Templates.Tests.Validation;

public sealed class TemplateLoaderTests
{
    [Fact]
    public void LoadText_MissingComma_ReportsSyntaxErrorWithLineAndColumn()
    {
        var text = "{\n  \"key\": \"x\"\n  \"version\": \"1.0.0\"\n}";

        var result = TemplateLoader.LoadText(text, "broken.json");

        var finding = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.Syntax, finding.Code);
        Assert.Equal(3, finding.Line);
        Assert.NotNull(finding.Column);
        Assert.Null(result.Template);
    }

    [Fact]
    public void LoadText_DuplicatePropertyName_IsASyntaxError()
    {
        var text = MinimalText.Replace("\"key\": \"minimal\",", "\"key\": \"minimal\", \"key\": \"again\",", StringComparison.Ordinal);

        var result = TemplateLoader.LoadText(text, "dup.json");

        var finding = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.Syntax, finding.Code);
        Assert.Contains("key", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_ContentAfterTheTemplate_IsASyntaxError()
    {
        var result = TemplateLoader.LoadText(MinimalText + "\n{}", "two.json");

        Assert.Equal(DiagnosticCodes.Syntax, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void LoadText_SchemaAndSemanticErrors_AreAllReportedInOnePassSortedByLine()
    {
        var template = Minimal();
        Set(template, "$.pipelines[0].stages[0].colour", "\"#FFFFFF\"");
        Set(template, "$.pipelines[1].stages[0].code", "\"OPEN_FOR_REVIEW\"");
        Set(template, "$.automations[0].trigger.stages[0]", "\"WROK\"");
        Set(template, "$.processes[0].resultField", "\"SCORE_A\"");

        var result = Load(template);

        Assert.Equal(
            [DiagnosticCodes.Schema, DiagnosticCodes.StageCodeLength, DiagnosticCodes.UnresolvedReference, DiagnosticCodes.Process],
            result.Diagnostics.Select(d => d.Code));
        Assert.Equal(result.Diagnostics.OrderBy(d => d.Line).Select(d => d.Line), result.Diagnostics.Select(d => d.Line));
    }

    [Fact]
    public void LoadText_Finding_PointsAtTheLineOfTheOffendingValue()
    {
        var template = Minimal();
        Set(template, "$.automations[0].trigger.stages[0]", "\"WROK\"");
        var text = template.ToString(Formatting.Indented);
        var expectedLine = text.Split('\n').ToList().FindIndex(line => line.Contains("\"WROK\"", StringComparison.Ordinal)) + 1;

        var finding = Assert.Single(TemplateLoader.LoadText(text, "t.json").Diagnostics);

        Assert.Equal(expectedLine, finding.Line);
        Assert.Equal("t.json", finding.File);
        Assert.StartsWith($"t.json({expectedLine},", finding.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_UnknownProperty_NamesAllowedOnesAndTheLikelyIntent()
    {
        var template = Minimal();
        Set(template, "$.pipelines[0].stages[0].colour", "\"#FFFFFF\"");

        var finding = Assert.Single(Load(template).Diagnostics);

        Assert.Equal("$.pipelines[0].stages[0].colour", finding.Path);
        Assert.Contains("allowed here: code, name, color", finding.Message, StringComparison.Ordinal);
        Assert.Equal("Did you mean 'color'?", finding.Fix);
    }

    [Fact]
    public void LoadText_WrongTriggerProperty_IsRejectedForThatTriggerType()
    {
        var template = Minimal();
        Set(template, "$.automations[1].trigger.for", "{\"hours\": 1}");

        var finding = Assert.Single(Load(template).Diagnostics);

        Assert.Equal((DiagnosticCodes.Schema, "$.automations[1].trigger.for"), (finding.Code, finding.Path));
    }

    [Fact]
    public void LoadText_DelayWithTwoUnits_IsRejected()
    {
        var template = Minimal();
        Set(template, "$.automations[3].trigger.for", "{\"hours\": 1, \"days\": 1}");

        var finding = Assert.Single(Load(template).Diagnostics);

        Assert.Equal((DiagnosticCodes.Schema, "$.automations[3].trigger.for"), (finding.Code, finding.Path));
        Assert.Contains("exactly one", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadFileAsync_MissingFile_ReportsItWithoutThrowing()
    {
        var result = await TemplateLoader.LoadFileAsync(Path.Combine(Path.GetTempPath(), "no-such-template-" + Guid.NewGuid() + ".json"));

        Assert.Equal(DiagnosticCodes.Syntax, Assert.Single(result.Diagnostics).Code);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void LoadText_ValidTemplate_BuildsTheModel()
    {
        var result = TemplateLoader.LoadText(MinimalText, "minimal.json");

        Assert.True(result.IsValid);
        Assert.Equal("minimal", result.Template!.Key);
        Assert.Equal(["sales", "service"], result.Template.Pipelines.Select(p => p.Key));
    }
}
