using System.Xml.Linq;
using Crm.Connector.Sandbox.OneC.Core;

namespace Crm.Connector.Sandbox.OneC.Http;

/// <summary>
/// A small CSDL for <c>$metadata</c> (§1.1: XML only): one entity type per published set with its properties and
/// table-part row types, in the <c>StandardODATA</c> namespace. Far smaller than 1C's, enough for name checks.
/// </summary>
internal static class Metadata
{
    private static readonly XNamespace Edmx = "http://schemas.microsoft.com/ado/2007/06/edmx";
    private static readonly XNamespace Edm = "http://schemas.microsoft.com/ado/2009/11/edm";

    public static string Build(IReadOnlyList<string> published)
    {
        var schemas = published.Select(name => Schemas.Find(name)!).ToList();
        var types = schemas.SelectMany(s =>
            s.TableParts.Select(part => EntityType($"{s.Name}_{part.Key}_RowType", part.Value.Select(f => (f.Key, f.Value)), []))
                .Prepend(EntityType(s.Name, s.Fields.Select(f => (f.Key, f.Value)), s.TableParts.Keys.Select(p => (p, $"{s.Name}_{p}_RowType")))));
        var container = new XElement(Edm + "EntityContainer", new XAttribute("Name", "EnterpriseV8"), new XAttribute("IsDefaultEntityContainer", "true"),
            schemas.Select(s => new XElement(Edm + "EntitySet", new XAttribute("Name", s.Name), new XAttribute("EntityType", "StandardODATA." + s.Name))));
        var document = new XDocument(new XElement(Edmx + "Edmx", new XAttribute("Version", "1.0"),
            new XElement(Edmx + "DataServices",
                new XElement(Edm + "Schema", new XAttribute("Namespace", "StandardODATA"), types, container))));
        return document.ToString();
    }

    private static XElement EntityType(string name, IEnumerable<(string Name, FieldType Type)> fields, IEnumerable<(string Name, string RowType)> tableParts) =>
        new(Edm + "EntityType", new XAttribute("Name", name),
            fields.Select(f => new XElement(Edm + "Property", new XAttribute("Name", f.Name), new XAttribute("Type", EdmType(f.Type)), new XAttribute("Nullable", "true"))),
            tableParts.Select(p => new XElement(Edm + "Property", new XAttribute("Name", p.Name), new XAttribute("Type", $"Collection(StandardODATA.{p.RowType})"))));

    private static string EdmType(FieldType type) => type switch
    {
        FieldType.Reference => "Edm.Guid",
        FieldType.Date => "Edm.DateTime",
        FieldType.Number => "Edm.Double",
        FieldType.Flag => "Edm.Boolean",
        _ => "Edm.String",
    };
}
