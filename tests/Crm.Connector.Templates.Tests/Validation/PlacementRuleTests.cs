using Crm.Connector.Templates.Validation;
using Newtonsoft.Json.Linq;
using static Crm.Connector.Templates.Tests.TemplateFixtures;

namespace Crm.Connector.Templates.Tests.Validation;

/// <summary>
/// The <c>placements</c> section (buttons in the CRM's interface, seed 004's «Выставить счет»): the minimal fixture with
/// one valid deal-card button, then one change per rule and the finding it must produce.
/// </summary>
public sealed class PlacementRuleTests
{
    private const string Button = """
        {"key": "pay-button", "where": "dealCard", "title": {"ru": "Пересчитать платежи", "en": "Recalculate payments"},
         "process": "payments", "pipelines": ["sales"], "requiresPlan": "standard"}
        """;

    private static readonly Dictionary<string, (Action<JObject> Break, string Code, string Path)> Cases = new()
    {
        ["duplicate placement key"] = (t => ((JArray)t["placements"]!).Add(JObject.Parse(Button)), DiagnosticCodes.Duplicate, "$.placements[1].key"),
        ["placement process that does not exist"] = (t => Set(t, "$.placements[0].process", "\"paymnets\""), DiagnosticCodes.UnresolvedReference, "$.placements[0].process"),
        ["deal-card placement running a lead process"] = (t => Set(t, "$.placements[0].process", "\"routing\""), DiagnosticCodes.Placement, "$.placements[0].process"),
        ["placement pipeline that does not exist"] = (t => Set(t, "$.placements[0].pipelines[0]", "\"salez\""), DiagnosticCodes.UnresolvedReference, "$.placements[0].pipelines[0]"),
        ["placement somewhere unknown"] = (t => Set(t, "$.placements[0].where", "\"leadCard\""), DiagnosticCodes.Schema, "$.placements[0].where"),
        ["placement title without English"] = (t => Set(t, "$.placements[0].title", "\"Пересчитать\""), DiagnosticCodes.Localization, "$.placements[0].title"),
        ["placement on an unknown plan"] = (t => Set(t, "$.placements[0].requiresPlan", "\"gold\""), DiagnosticCodes.UnknownPlan, "$.placements[0].requiresPlan"),
        ["amoCRM template with placements"] = (t => Set(t, "$.crm", "\"amocrm\""), DiagnosticCodes.CrmCapability, "$.placements"),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Fact]
    public void Validate_ValidPlacement_HasNoFindings()
    {
        var result = Load(WithButton());

        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Validate_BrokenPlacement_ReportsTheRuleAtItsPath(string name)
    {
        var (breakIt, code, path) = Cases[name];
        var template = WithButton();
        breakIt(template);

        var result = Load(template);

        Assert.False(result.IsValid);
        Assert.True(
            result.Diagnostics.Any(d => d.Code == code && d.Path == path && d.IsError),
            $"expected {code} at {path}; got:\n{string.Join('\n', result.Diagnostics)}");
    }

    [Fact]
    public void Validate_UnknownPipeline_FixNamesThePipelines()
    {
        var template = WithButton();
        Set(template, "$.placements[0].pipelines[0]", "\"salez\"");

        var finding = Load(template).Diagnostics.Single(d => d.Path == "$.placements[0].pipelines[0]");

        Assert.Equal("Use one of sales, service. Did you mean 'sales'?", finding.Fix);
    }

    [Fact]
    public void Validate_ProcessRunOnlyByAPlacement_IsNotUnused()
    {
        var template = WithButton();
        Remove(template, "$.automations[4]");

        var result = Load(template);

        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    private static JObject WithButton()
    {
        var template = Minimal();
        template["placements"] = new JArray(JObject.Parse(Button));
        return template;
    }
}
