using System.Reflection;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;
using Crm.Connector.Templates.Model.Conditions;
using Crm.Connector.Templates.Model.Processes;
using Crm.Connector.Templates.Model.Robots;
using Crm.Connector.Templates.Serialization;
using Crm.Connector.Templates.Validation.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Tests.Schema;

/// <summary>
/// The schema editors use and the model the product reads must say the same thing: same property names, same
/// required properties, same enum values, and only keywords our validator enforces.
/// </summary>
public sealed class SchemaConventionTests
{
    private static readonly JObject Schema = TemplateSchema.Json;

    private static JObject Def(string name) => (JObject)Schema["$defs"]![name]!;

    public static TheoryData<string, Type> ObjectDefinitions() => new()
    {
        { "#", typeof(CrmTemplate) },
        { "listItem", typeof(ListItem) },
        { "stage", typeof(Stage) },
        { "leadFunnel", typeof(LeadFunnel) },
        { "pipeline", typeof(Pipeline) },
        { "stageRef", typeof(StageRef) },
        { "field", typeof(FieldDefinition) },
        { "rights", typeof(RoleRights) },
        { "role", typeof(Role) },
        { "position", typeof(Position) },
        { "automation", typeof(Automation) },
        { "robotProperty", typeof(RobotProperty) },
        { "robot", typeof(RobotDefinition) },
    };

    public static TheoryData<string, string, string, Type> Branches()
    {
        var data = new TheoryData<string, string, string, Type>();
        foreach (var (name, type) in TemplateJson.TriggerTypes)
        {
            data.Add("trigger", "type", name, type);
        }

        foreach (var (name, type) in TemplateJson.ActionTypes)
        {
            data.Add("action", "type", name, type);
        }

        foreach (var (name, type) in TemplateJson.ProcessKinds)
        {
            data.Add("process", "kind", name, type);
        }

        return data;
    }

    [Fact]
    public void Schema_EveryKeyword_IsOneTheValidatorEnforces()
    {
        var unsupported = new List<string>();
        Walk(Schema, "#", unsupported);

        Assert.Empty(unsupported);
    }

    [Theory]
    [MemberData(nameof(ObjectDefinitions))]
    public void Schema_ObjectDefinition_HasTheModelsPropertiesAndRequiredOnes(string definition, Type model)
    {
        var schema = definition == "#" ? Schema : Def(definition);

        Assert.Equal(ModelProperties(model), ((JObject)schema["properties"]!).Properties().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(RequiredProperties(model), (schema["required"] as JArray ?? []).Values<string>().Order(StringComparer.Ordinal)!);
    }

    [Theory]
    [MemberData(nameof(Branches))]
    public void Schema_DiscriminatedBranch_HasTheModelsPropertiesAndRequiredOnes(string definition, string discriminator, string value, Type model)
    {
        var branch = Def(definition)["allOf"]!
            .Select(b => (JObject)b)
            .Single(b => b["if"]!["properties"]![discriminator]!["const"]?.Value<string>() == value ||
                         (b["if"]!["properties"]![discriminator]!["enum"] as JArray)?.Values<string>().Contains(value) == true);
        var then = (JObject)branch["then"]!;
        var baseRequired = (Def(definition)["required"] as JArray ?? []).Values<string>().Where(r => r != discriminator);

        Assert.Equal(ModelProperties(model), ((JObject)then["properties"]!).Properties().Select(p => p.Name).Where(p => p != discriminator).Order(StringComparer.Ordinal));
        Assert.Equal(RequiredProperties(model), (then["required"] as JArray ?? []).Values<string>().Concat(baseRequired).Distinct().Order(StringComparer.Ordinal)!);
        Assert.Equal(false, then["additionalProperties"]?.Value<bool>());
    }

    [Fact]
    public void Schema_DiscriminatorEnums_ListEveryModelType()
    {
        Assert.Equal(TemplateJson.TriggerTypes.Keys.Order(), Values(Def("trigger")["properties"]!["type"]!["enum"]!));
        Assert.Equal(TemplateJson.ActionTypes.Keys.Order(), Values(Def("action")["properties"]!["type"]!["enum"]!));
        Assert.Equal(TemplateJson.ProcessKinds.Keys.Order(), Values(Def("process")["properties"]!["kind"]!["enum"]!));
    }

    [Fact]
    public void Schema_ValueEnums_AreTheModelsEnumNames()
    {
        Assert.Equal(Names<CrmKind>(), Values(Schema["properties"]!["crm"]!["enum"]!));
        Assert.Equal(Names<StageSemantics>(), Values(Def("stage")["properties"]!["semantics"]!["enum"]!));
        Assert.Equal(Names<FieldType>(), Values(Def("field")["properties"]!["type"]!["enum"]!));
        Assert.Equal(Names<CrmEntity>(), Values(Def("automation")["properties"]!["entity"]!["enum"]!));
        Assert.Equal(Names<AccessLevel>(), Values(Def("access")["enum"]!));
        Assert.Equal(Names<ConditionOperator>(), Values(Def("comparison")["properties"]!["op"]!["enum"]!));
        Assert.Equal(Names<RobotPropertyType>(), Values(Def("robotProperty")["properties"]!["type"]!["enum"]!));
        Assert.Equal(Names<DelayUnit>(), ((JObject)Def("delay")["properties"]!).Properties().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Names<InvoiceAmountBasis>(), Values(Branch("process", "kind", "invoice")["properties"]!["amountBasis"]!["enum"]!));
        Assert.Equal(Names<AssignStrategy>(), Values(Branch("action", "type", "assign")["properties"]!["strategy"]!["enum"]!));
    }

    [Fact]
    public void Schema_EmbeddedCopy_IsTheFileInTheRepository()
    {
        var onDisk = JObject.Parse(File.ReadAllText(Testing.Repository.PathOf("templates", "template.schema.json")));

        Assert.True(JToken.DeepEquals(onDisk, Schema));
    }

    private static JObject Branch(string definition, string discriminator, string value) =>
        (JObject)Def(definition)["allOf"]!.Single(b => b["if"]!["properties"]![discriminator]!["const"]?.Value<string>() == value)["then"]!;

    private static IEnumerable<string> Names<T>()
        where T : struct, Enum => EnumNames.All<T>().Order(StringComparer.Ordinal);

    private static IEnumerable<string> Values(JToken array) => ((JArray)array).Values<string>().Order(StringComparer.Ordinal)!;

    private static IEnumerable<string> ModelProperties(Type model) =>
        model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(JsonName)
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> RequiredProperties(Type model) =>
        model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonRequiredAttribute>() is not null)
            .Select(JsonName)
            .Order(StringComparer.Ordinal);

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName ?? char.ToLowerInvariant(property.Name[0]) + property.Name[1..];

    private static void Walk(JToken schema, string path, List<string> unsupported)
    {
        if (schema is not JObject obj)
        {
            return;
        }

        foreach (var property in obj.Properties())
        {
            if (!SchemaValidator.SupportedKeywords.Contains(property.Name))
            {
                unsupported.Add($"{path}/{property.Name}");
            }
        }

        foreach (var map in new[] { "properties", "patternProperties", "$defs" })
        {
            if (obj[map] is JObject children)
            {
                foreach (var child in children.Properties())
                {
                    Walk(child.Value, $"{path}/{map}/{child.Name}", unsupported);
                }
            }
        }

        foreach (var single in new[] { "items", "additionalProperties", "propertyNames", "not", "if", "then", "else" })
        {
            if (obj[single] is { } child)
            {
                Walk(child, $"{path}/{single}", unsupported);
            }
        }

        foreach (var list in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (obj[list] is JArray children)
            {
                for (var i = 0; i < children.Count; i++)
                {
                    Walk(children[i], $"{path}/{list}/{i}", unsupported);
                }
            }
        }
    }
}
