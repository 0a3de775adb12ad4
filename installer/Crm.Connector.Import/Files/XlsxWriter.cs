using System.IO.Compression;
using System.Security;
using System.Text;

namespace Crm.Connector.Import.Files;

/// <summary>
/// A small .xlsx writer: sheets of text cells (inline strings — so nothing written is ever a formula), a bold header
/// row, column widths, the header frozen.
/// </summary>
internal static class XlsxWriter
{
    public sealed record Sheet(string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<string>> Rows, IReadOnlyList<double> Widths);

    public static void Write(Stream output, IReadOnlyList<Sheet> sheets)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Entry(zip, "[Content_Types].xml", ContentTypes(sheets.Count));
        Entry(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        var workbook = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>""");
        var rels = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
        for (var i = 0; i < sheets.Count; i++)
        {
            workbook.Append(System.Globalization.CultureInfo.InvariantCulture, $"""<sheet name="{Escape(sheets[i].Name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>""");
            rels.Append(System.Globalization.CultureInfo.InvariantCulture, $"""<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>""");
        }

        rels.Append(System.Globalization.CultureInfo.InvariantCulture, $"""<Relationship Id="rId{sheets.Count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");
        workbook.Append("</sheets></workbook>");
        Entry(zip, "xl/workbook.xml", workbook.ToString());
        Entry(zip, "xl/_rels/workbook.xml.rels", rels.ToString());
        Entry(zip, "xl/styles.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""");
        for (var i = 0; i < sheets.Count; i++)
        {
            var entry = zip.CreateEntry($"xl/worksheets/sheet{i + 1}.xml", CompressionLevel.Fastest);
            using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
            WriteSheet(writer, sheets[i]);
        }
    }

    private static void WriteSheet(StreamWriter writer, Sheet sheet)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        writer.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>""");
        if (sheet.Widths.Count > 0)
        {
            writer.Write("<cols>");
            for (var c = 0; c < sheet.Widths.Count; c++)
            {
                writer.Write(string.Create(inv, $"""<col min="{c + 1}" max="{c + 1}" width="{sheet.Widths[c]:0.#}" customWidth="1" style="2"/>"""));
            }

            writer.Write("</cols>");
        }

        writer.Write("<sheetData>");
        WriteRow(writer, 1, sheet.Header, style: 1);
        var line = 2;
        foreach (var row in sheet.Rows)
        {
            WriteRow(writer, line++, row, style: 0);
        }

        writer.Write("</sheetData></worksheet>");
    }

    private static void WriteRow(StreamWriter writer, int line, IReadOnlyList<string> cells, int style)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        writer.Write(string.Create(inv, $"""<row r="{line}">"""));
        for (var c = 0; c < cells.Count; c++)
        {
            if (string.IsNullOrEmpty(cells[c]))
            {
                continue;
            }

            writer.Write(string.Create(inv, $"""<c r="{ColumnName(c)}{line}" t="inlineStr"{(style > 0 ? $" s=\"{style}\"" : string.Empty)}><is><t xml:space="preserve">{Escape(cells[c])}</t></is></c>"""));
        }

        writer.Write("</row>");
    }

    internal static string ColumnName(int index)
    {
        var name = string.Empty;
        index++;
        while (index > 0)
        {
            var rest = (index - 1) % 26;
            name = (char)('A' + rest) + name;
            index = (index - 1) / 26;
        }

        return name;
    }

    /// <summary>XML-escaped, without characters XML 1.0 cannot carry (control characters from pasted text).</summary>
    private static string Escape(string text) =>
        SecurityElement.Escape(string.Concat(text.Where(ch => ch is '\t' or '\n' or '\r' || ch >= 0x20 && !char.IsSurrogate(ch) || char.IsSurrogate(ch)))) ?? string.Empty;

    private static string ContentTypes(int sheets)
    {
        var text = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
        for (var i = 1; i <= sheets; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        }

        return text.Append("</Types>").ToString();
    }

    private static void Entry(ZipArchive zip, string path, string content)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Fastest);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
