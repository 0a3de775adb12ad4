using Crm.Connector.Templates.Validation.Schema;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Loading;

/// <summary><c>templates/template.schema.json</c>, embedded in this assembly.</summary>
public static class TemplateSchema
{
    private static readonly Lazy<JObject> Document = new(Load);

    /// <summary>The schema document.</summary>
    public static JObject Json => (JObject)Document.Value.DeepClone();

    /// <summary>A validator for the schema.</summary>
    public static SchemaValidator Validator { get; } = new(Document.Value);

    private static JObject Load()
    {
        using var stream = typeof(TemplateSchema).Assembly.GetManifestResourceStream("Crm.Connector.Templates.template.schema.json")
            ?? throw new InvalidOperationException("The template schema is not embedded in Crm.Connector.Templates.");
        using var reader = new StreamReader(stream);
        return JObject.Parse(reader.ReadToEnd());
    }
}
