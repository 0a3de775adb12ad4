using System.Text;
using Crm.Connector.Import;
using Crm.Connector.Templates.Loading;

namespace Crm.Connector.Functions.Tests.Pages;

/// <summary>Import files for the page tests: CSV (;) with the driving-school template's header and the given rows.</summary>
internal static class ImportFiles
{
    public static async Task<ImportLayout> DrivingSchoolAsync()
    {
        var (path, error) = TemplateCatalog.Default().Resolve("driving-school");
        var loaded = await TemplateLoader.LoadFileAsync(path ?? throw new InvalidOperationException(error));
        return ImportLayout.For(loaded.Template!);
    }

    /// <summary>A CSV whose rows name only the columns they fill (by header); the rest are empty.</summary>
    public static byte[] Csv(ImportLayout layout, IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(';', layout.Columns.Select(c => Quote(c.Header))));
        foreach (var row in rows)
        {
            text.AppendLine(string.Join(';', layout.Columns.Select(c => Quote(row.GetValueOrDefault(c.Header) ?? string.Empty))));
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
