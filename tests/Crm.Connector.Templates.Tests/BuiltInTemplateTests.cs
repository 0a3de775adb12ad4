using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Serialization;
using Newtonsoft.Json.Linq;
using static Crm.Connector.Templates.Tests.TemplateFixtures;

namespace Crm.Connector.Templates.Tests;

public sealed class BuiltInTemplateTests
{
    public static TheoryData<string, string> Templates()
    {
        var data = new TheoryData<string, string>();
        foreach (var (crm, name) in BuiltIn)
        {
            data.Add(crm, name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Load_BuiltInTemplate_IsValidWithoutWarnings(string crm, string name)
    {
        var result = LoadBuiltIn(crm, name);

        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(name, result.Template!.Key);
        Assert.Equal(crm, EnumNames.Of(result.Template.Crm));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Serialize_BuiltInTemplate_WritesAValidTemplateThatReadsBackTheSame(string crm, string name)
    {
        var original = LoadBuiltIn(crm, name).Template!;

        var written = TemplateJson.Serialize(original);
        var reread = TemplateLoader.LoadText(written, name + ".written.json");

        Assert.True(reread.IsValid, string.Join('\n', reread.Diagnostics));
        Assert.True(JToken.DeepEquals(TemplateJson.ToToken(original), TemplateJson.ToToken(reread.Template!)), "the model changed on a write/read round trip");
        Assert.Equal(written, TemplateJson.Serialize(reread.Template!));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_BuiltIn_PointsEditorsAtTheSchema(string crm, string name)
    {
        var root = JObject.Parse(File.ReadAllText(BuiltInPath(crm, name)));

        Assert.Equal("../template.schema.json", root.Value<string>("$schema"));
    }

    [Fact]
    public void Catalog_RepositoryTemplates_ListsExactlyTheFiveBuiltIns()
    {
        var catalog = new TemplateCatalog(Testing.Repository.PathOf("templates"));

        Assert.Equal(
            BuiltIn.Select(t => $"{t.Crm}/{t.Name}").Order(StringComparer.Ordinal),
            catalog.List().Select(e => $"{EnumNames.Of(e.Crm)}/{e.Name}").Order(StringComparer.Ordinal));
    }
}
