using System.IO.Compression;
using System.Text;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Model;
using Crm.Connector.Testing;

namespace Crm.Connector.Import.Tests;

/// <summary>The driving-school template, its layout, and files made for the tests.</summary>
internal static class Fixtures
{
    private static readonly Lazy<CrmTemplate> School = new(() =>
        TemplateLoader.LoadText(File.ReadAllText(Repository.PathOf("templates", "bitrix24", "driving-school.json")), "driving-school.json").Template!);

    public static CrmTemplate DrivingSchool => School.Value;

    public static ImportLayout Layout => ImportLayout.For(DrivingSchool);

    /// <summary>A CSV with the layout's header and <paramref name="rows"/> (cells by header; the rest empty).</summary>
    public static byte[] Csv(IEnumerable<IReadOnlyDictionary<string, string>> rows, char delimiter = ';')
    {
        var headers = Layout.Columns.Select(c => c.Header).ToList();
        var text = new StringBuilder(string.Join(delimiter, headers)).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(delimiter, headers.Select(h => Quote(row.GetValueOrDefault(h) ?? string.Empty, delimiter)))).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static ImportFile Read(byte[] bytes, string name = "clients.csv", ImportLimits? limits = null)
    {
        using var stream = new MemoryStream(bytes);
        return ImportFileReader.Read(stream, name, Layout, limits ?? new ImportLimits());
    }

    public static Dictionary<string, string> Row(string phone, string last = "", string first = "", string created = "", string channel = "", string note = "", string note2 = "") => new()
    {
        ["Телефон"] = phone,
        ["Фамилия"] = last,
        ["Имя"] = first,
        ["Дата создания"] = created,
        ["Канал привлечения"] = channel,
        ["Примечание"] = note,
        ["Примечание 2"] = note2,
    };

    /// <summary>A hand-made .xlsx: the parts as given (path → XML).</summary>
    public static byte[] Zip(IReadOnlyDictionary<string, string> parts)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, xml) in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
        }

        return buffer.ToArray();
    }

    private static string Quote(string value, char delimiter) =>
        value.Contains(delimiter, StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
