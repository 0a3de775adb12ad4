using System.Text.Json;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Serialization;
using Crm.Connector.Testing;
using Json.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Tests.Schema;

/// <summary>
/// Our <see cref="Crm.Connector.Templates.Validation.Schema.SchemaValidator"/> writes the better messages; JsonSchema.Net, a complete draft
/// 2020-12 implementation, is the second opinion on whether it judges <c>templates/template.schema.json</c> right.
/// Both must reach the same verdict (valid or not) on every built-in template and on seeded mutants of them.
/// </summary>
/// <remarks>
/// Where the two read JSON Schema differently, ours follows the specification, and the difference is kept out of the
/// mutants only where this schema lets it show:
/// <list type="bullet">
/// <item>A line feed at the end of a string: JsonSchema.Net runs <c>pattern</c> through .NET's <c>$</c>, which also
/// matches before a final line feed, so it accepts <c>"NEW\n"</c> for <c>^[A-Z0-9][A-Z0-9_]*$</c>; ECMA-262, which
/// JSON Schema names for patterns, does not, and neither do we. Every pattern in the schema ends in <c>$</c>, so the
/// mutator never appends a line feed; <see cref="TrailingLineFeed_InAPatternedCode_OnlyJsonSchemaNetLetsItThrough"/>
/// pins the difference down.</item>
/// <item>String length: JsonSchema.Net counts grapheme clusters, the specification (and we) Unicode code points. It
/// cannot show here: the <c>maxLength</c> limits sit on codes whose patterns allow ASCII only, and <c>minLength</c> is 1,
/// which both counts pass exactly for non-empty strings.</item>
/// </list>
/// </remarks>
public sealed class SchemaSecondOpinionTests
{
    private const int SeedsPerTemplate = 40;

    private static readonly Lazy<JsonSchema> Reference = new(() => JsonSchema.FromText(
        File.ReadAllText(Repository.PathOf("templates", "template.schema.json")),
        new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    public static TheoryData<string> BuiltInTemplates()
    {
        var data = new TheoryData<string>();
        foreach (var path in TemplateFiles())
        {
            data.Add(path);
        }

        return data;
    }

    public static TheoryData<SchemaMutation> Mutations()
    {
        var data = new TheoryData<SchemaMutation>();
        foreach (var mutation in Enum.GetValues<SchemaMutation>())
        {
            data.Add(mutation);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BuiltInTemplates))]
    public void BuiltInTemplate_BothValidators_FindItValid(string template)
    {
        var text = File.ReadAllText(Repository.PathOf(template.Split('/')));

        var (ours, theirs) = Verdicts(text);

        Assert.True(ours.Count == 0, $"our validator rejects {template}: {string.Join("; ", ours)}");
        Assert.True(theirs.Count == 0, $"JsonSchema.Net rejects {template}: {string.Join("; ", theirs)}");
    }

    [Fact]
    public void BuiltInTemplates_AreAllFound()
    {
        Assert.Equal(
            TemplateFixtures.BuiltIn.Select(t => $"templates/{t.Crm}/{t.Name}.json").Order(StringComparer.Ordinal),
            TemplateFiles());
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Mutant_BothValidators_ReachTheSameVerdict(SchemaMutation mutation)
    {
        var disagreements = new List<string>();
        var judged = 0;
        var invalid = 0;
        foreach (var template in TemplateFiles())
        {
            var original = (JObject)TemplateJson.Parse(File.ReadAllText(Repository.PathOf(template.Split('/'))));
            for (var seed = 1; seed <= SeedsPerTemplate; seed++)
            {
                if (SchemaMutator.Mutate(original, mutation, seed) is not var (mutant, change))
                {
                    continue;
                }

                var (ours, theirs) = Verdicts(mutant.ToString(Formatting.None));
                judged++;
                invalid += ours.Count > 0 ? 1 : 0;
                if ((ours.Count == 0) != (theirs.Count == 0))
                {
                    disagreements.Add(
                        $"{template} seed {seed}, {change}\n" +
                        $"  ours:   {(ours.Count == 0 ? "valid" : string.Join("; ", ours.Take(3)))}\n" +
                        $"  theirs: {(theirs.Count == 0 ? "valid" : string.Join("; ", theirs.Take(3)))}");
                }
            }
        }

        Assert.True(disagreements.Count == 0, $"the validators disagree on {disagreements.Count} of {judged} {mutation} mutants:\n{string.Join("\n", disagreements)}");
        Assert.True(judged >= SeedsPerTemplate, $"only {judged} {mutation} mutants were made");
        Assert.True(invalid > 0, $"none of the {judged} {mutation} mutants broke the schema, so the agreement proves little");
    }

    [Fact]
    public void TrailingLineFeed_InAPatternedCode_OnlyJsonSchemaNetLetsItThrough()
    {
        var template = (JObject)TemplateJson.Parse(File.ReadAllText(Repository.PathOf("templates", "bitrix24", "body-shop.json")));
        template["key"] = "body-shop\n";

        var (ours, theirs) = Verdicts(template.ToString(Formatting.None));

        Assert.Contains(ours, e => e.StartsWith("$.key ", StringComparison.Ordinal));
        Assert.True(theirs.Count == 0, "JsonSchema.Net now rejects a final line feed too: let the mutator append one again");
    }

    /// <summary>
    /// Our errors and JsonSchema.Net's for the same text: ours read as the product reads templates, theirs through
    /// System.Text.Json.
    /// </summary>
    private static (List<string> Ours, List<string> Theirs) Verdicts(string text)
    {
        var ours = TemplateSchema.Validator.Validate(TemplateJson.Parse(text)).Select(e => $"{e.Path} {e.Message}").ToList();

        using var document = JsonDocument.Parse(text);
        var results = Reference.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var theirs = results.IsValid
            ? []
            : (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .Select(d => $"{d.InstanceLocation} ({d.EvaluationPath}) {string.Join(", ", d.Errors!.Values)}")
                .DefaultIfEmpty("invalid")
                .ToList();
        return (ours, theirs);
    }

    /// <summary>Every <c>templates/**/*.json</c> but the schema, as repository-relative paths with forward slashes.</summary>
    private static List<string> TemplateFiles()
    {
        var root = Repository.PathOf("templates");
        return Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(f => "templates/" + Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => f != "templates/template.schema.json")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
