using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Serialization;
using Crm.Connector.Testing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Tests;

/// <summary>The fixture templates and the built-in ones, as text, token trees and load results.</summary>
internal static class TemplateFixtures
{
    /// <summary>The five built-in templates, by (crm folder, name).</summary>
    public static readonly (string Crm, string Name)[] BuiltIn =
    [
        ("bitrix24", "driving-school"),
        ("bitrix24", "auto-dealer"),
        ("bitrix24", "driving-school-office"),
        ("bitrix24", "body-shop"),
        ("amocrm", "online-school"),
    ];

    public static string MinimalText => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "minimal-bitrix24.json"));

    public static JObject Minimal() => (JObject)TemplateJson.Parse(MinimalText);

    public static string BuiltInPath(string crm, string name) => Repository.PathOf("templates", crm, name + ".json");

    public static TemplateLoadResult LoadBuiltIn(string crm, string name) =>
        TemplateLoader.LoadText(File.ReadAllText(BuiltInPath(crm, name)), BuiltInPath(crm, name));

    /// <summary>Loads <paramref name="template"/> after writing it out as indented JSON.</summary>
    public static TemplateLoadResult Load(JObject template) =>
        TemplateLoader.LoadText(template.ToString(Formatting.Indented), "test.json");

    /// <summary>Sets the value at a JSON path, adding the last property if it does not exist yet.</summary>
    public static void Set(JObject root, string path, JToken value)
    {
        var existing = root.SelectToken(path);
        if (existing is not null)
        {
            existing.Replace(value);
            return;
        }

        var dot = path.LastIndexOf('.');
        var parent = (JObject)(root.SelectToken(path[..dot]) ?? throw new ArgumentException($"No parent for {path}"));
        parent[path[(dot + 1)..]] = value;
    }

    /// <summary>Sets the value at a JSON path from JSON text.</summary>
    public static void Set(JObject root, string path, string json) => Set(root, path, JToken.Parse(json));

    /// <summary>Removes the property or array item at a JSON path.</summary>
    public static void Remove(JObject root, string path)
    {
        var token = root.SelectToken(path) ?? throw new ArgumentException($"Nothing at {path}");
        if (token.Parent is JProperty property)
        {
            property.Remove();
        }
        else
        {
            token.Remove();
        }
    }
}
