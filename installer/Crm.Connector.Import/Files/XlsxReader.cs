using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Crm.Connector.Import.Files;

/// <summary>
/// A small .xlsx reader over <see cref="ZipArchive"/> and a streaming <see cref="XmlReader"/>: the first sheet (found
/// through workbook.xml and its relationships), shared strings, inline strings, booleans, numbers, and dates told apart
/// by the cell style's number format (built-in 14–22, 45–47, or a custom format with d/m/y/h).
/// </summary>
/// <remarks>
/// Why our own and not ExcelDataReader/ClosedXML: an upload comes from anyone. We need to refuse what we must not
/// process — a formula is reported, never evaluated (ClosedXML evaluates); every inflated part is counted and capped
/// (zip bombs); reading stops keeping rows at the row limit — and none of these packages gives all three. The format
/// subset a client list uses is small (about 300 lines here).
/// </remarks>
internal static class XlsxReader
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static void Read(Stream zip, SheetSink sink, ImportLimits limits)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e);
        }

        using (archive)
        {
            try
            {
                var sheetPath = FirstSheetPath(archive, limits);
                var rels = Relationships(archive, "xl/_rels/workbook.xml.rels", limits);
                var stringsPath = rels.Values.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target is { } s ? Resolve("xl/", s) : "xl/sharedStrings.xml";
                var stylesPath = rels.Values.FirstOrDefault(r => r.Type.EndsWith("/styles", StringComparison.Ordinal)).Target is { } st ? Resolve("xl/", st) : "xl/styles.xml";
                var strings = SharedStrings(archive, stringsPath, limits);
                var dateStyles = DateStyles(archive, stylesPath, limits);
                var sheet = archive.GetEntry(sheetPath) ?? throw Corrupt(null);
                using var reader = Xml(Open(sheet, "лист", limits));
                ReadSheet(reader, strings, dateStyles, sink, limits);
            }
            catch (InvalidDataException e)
            {
                throw Corrupt(e);
            }
            catch (XmlException e)
            {
                throw Corrupt(e);
            }
            catch (NotSupportedException e)
            {
                // ZipArchive: an encrypted entry or an unknown compression method.
                throw new ImportFileException(ImportFileError.Encrypted, "Файл Excel зашифрован или сжат неизвестным способом. Снимите пароль (Файл → Сведения → Защита книги) и сохраните как обычную книгу Excel (.xlsx).", innerException: e);
            }
        }
    }

    private static ImportFileException Corrupt(Exception? e) => new(ImportFileError.Corrupt,
        "Файл Excel повреждён или это не книга Excel (.xlsx). Откройте его в Excel, сохраните как «Книга Excel (.xlsx)» и загрузите снова.", innerException: e);

    private static string FirstSheetPath(ZipArchive archive, ImportLimits limits)
    {
        var workbook = archive.GetEntry("xl/workbook.xml") ?? throw new ImportFileException(ImportFileError.NotASpreadsheet,
            "Файл не похож на таблицу Excel (.xlsx) или CSV: в архиве нет книги Excel. Скачайте шаблон, заполните его и загрузите.");
        string? relId = null;
        using (var reader = Xml(Open(workbook, "workbook.xml", limits)))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet" && reader.NamespaceURI == MainNs)
                {
                    relId = reader.GetAttribute("id", RelNs);
                    break;
                }
            }
        }

        var rels = Relationships(archive, "xl/_rels/workbook.xml.rels", limits);
        return relId is not null && rels.TryGetValue(relId, out var rel) ? Resolve("xl/", rel.Target) : "xl/worksheets/sheet1.xml";
    }

    private static Dictionary<string, (string Type, string Target)> Relationships(ZipArchive archive, string path, ImportLimits limits)
    {
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (archive.GetEntry(path) is not { } entry)
        {
            return result;
        }

        using var reader = Xml(Open(entry, path, limits));
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.NamespaceURI == PackageRelNs &&
                reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target)
            {
                result[id] = (reader.GetAttribute("Type") ?? string.Empty, target);
            }
        }

        return result;
    }

    private static string Resolve(string baseDir, string target) =>
        target.StartsWith('/') ? target.TrimStart('/') : baseDir + target;

    private static List<string> SharedStrings(ZipArchive archive, string path, ImportLimits limits)
    {
        var strings = new List<string>();
        if (archive.GetEntry(path) is not { } entry)
        {
            return strings;
        }

        using var reader = Xml(Open(entry, "общие строки", limits));
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                strings.Add(Truncate(RichText(reader), limits));
            }
        }

        return strings;
    }

    /// <summary>The text of an <c>&lt;si&gt;</c> or <c>&lt;is&gt;</c>: its <c>&lt;t&gt;</c> runs, without phonetic hints (<c>&lt;rPh&gt;</c>).</summary>
    private static string RichText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = reader.Depth;
        var text = new System.Text.StringBuilder();
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "rPh")
            {
                reader.Skip();
                if (reader.Depth <= depth)
                {
                    break;
                }
            }

            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "t" && !reader.IsEmptyElement)
            {
                text.Append(reader.ReadElementContentAsString());
                if (reader.Depth <= depth)
                {
                    break;
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Which cellXfs indexes show a date: their number format is a built-in date one or a custom one with d/m/y/h.</summary>
    private static HashSet<int> DateStyles(ZipArchive archive, string path, ImportLimits limits)
    {
        var result = new HashSet<int>();
        if (archive.GetEntry(path) is not { } entry)
        {
            return result;
        }

        var custom = new Dictionary<int, string>();
        using var reader = Xml(Open(entry, "стили", limits));
        var inCellXfs = false;
        var index = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                inCellXfs = false;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "numFmt" when int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id):
                    custom[id] = reader.GetAttribute("formatCode") ?? string.Empty;
                    break;
                case "cellXfs":
                    inCellXfs = !reader.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    if (int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var fmt) && IsDateFormat(fmt, custom.GetValueOrDefault(fmt)))
                    {
                        result.Add(index);
                    }

                    index++;
                    break;
            }
        }

        return result;
    }

    /// <summary>Built-in date formats 14–22 and 45–47; a custom one with a d, m, y or h outside quotes and brackets.</summary>
    internal static bool IsDateFormat(int id, string? code)
    {
        if (id is >= 14 and <= 22 or >= 45 and <= 47)
        {
            return true;
        }

        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        var quoted = false;
        var bracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '[')
            {
                bracket = true;
            }
            else if (!quoted && c == ']')
            {
                bracket = false;
            }
            else if (!quoted && !bracket && "dmyhDMYH".Contains(c, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void ReadSheet(XmlReader reader, List<string> strings, HashSet<int> dateStyles, SheetSink sink, ImportLimits limits)
    {
        var nextLine = 1;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row")
            {
                continue;
            }

            var line = int.TryParse(reader.GetAttribute("r"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : nextLine;
            nextLine = line + 1;
            if (sink.Full)
            {
                // Past the limit: only count what is left, keep nothing.
                if (!reader.IsEmptyElement)
                {
                    sink.Count();
                    reader.Skip();
                }

                continue;
            }

            sink.Add(line, reader.IsEmptyElement ? [] : ReadRow(reader, strings, dateStyles, limits));
        }
    }

    private static List<ImportCell> ReadRow(XmlReader reader, List<string> strings, HashSet<int> dateStyles, ImportLimits limits)
    {
        var cells = new List<ImportCell>();
        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "c")
            {
                continue;
            }

            var column = ColumnIndex(reader.GetAttribute("r")) ?? cells.Count;
            var type = reader.GetAttribute("t");
            var style = int.TryParse(reader.GetAttribute("s"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
            var cell = ReadCell(reader, type, dateStyles.Contains(style), strings, limits);
            while (cells.Count < column)
            {
                cells.Add(ImportCell.Empty);
            }

            if (column < 16_384)
            {
                if (cells.Count == column)
                {
                    cells.Add(cell);
                }
                else
                {
                    cells[column] = cell;
                }
            }
        }

        return cells;
    }

    private static ImportCell ReadCell(XmlReader reader, string? type, bool dateStyle, List<string> strings, ImportLimits limits)
    {
        string? value = null;
        string? inline = null;
        var formula = false;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            while (reader.Read() && reader.Depth > depth)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "f":
                        formula = true;
                        break;
                    case "v" when !reader.IsEmptyElement:
                        value = reader.ReadElementContentAsString();
                        break;
                    case "is":
                        inline = RichText(reader);
                        break;
                }

                if (reader.Depth <= depth)
                {
                    break;
                }
            }
        }

        if (formula)
        {
            return new ImportCell { Formula = true, Text = Truncate(value ?? string.Empty, limits) };
        }

        switch (type)
        {
            case "s":
                return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < strings.Count
                    ? new ImportCell { Text = strings[index] }
                    : ImportCell.Empty;
            case "inlineStr":
                return new ImportCell { Text = Truncate(inline ?? value ?? string.Empty, limits) };
            case "b":
                return new ImportCell { Text = value == "1" ? "Да" : "Нет" };
            case "str":
            case "e":
                return new ImportCell { Text = Truncate(value ?? string.Empty, limits) };
            case "d":
                return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)
                    ? new ImportCell { Date = DateTime.SpecifyKind(iso, DateTimeKind.Unspecified), Text = value ?? string.Empty }
                    : new ImportCell { Text = value ?? string.Empty };
        }

        if (value is null)
        {
            return ImportCell.Empty;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (dateStyle && number is > 0 and < 2_958_466)
            {
                return new ImportCell { Date = DateTime.FromOADate(number), Text = value };
            }

            return new ImportCell { Text = decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) ? exact.ToString("0.############################", CultureInfo.InvariantCulture) : number.ToString("R", CultureInfo.InvariantCulture) };
        }

        return new ImportCell { Text = Truncate(value, limits) };
    }

    /// <summary>The zero-based column of a reference like <c>AB12</c>.</summary>
    internal static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                index = (index * 26) + (c - 'A' + 1);
                letters++;
            }
            else
            {
                break;
            }
        }

        return letters is 0 or > 3 ? null : index - 1;
    }

    private static string Truncate(string text, ImportLimits limits) => text.Length > limits.MaxCellChars ? text[..limits.MaxCellChars] : text;

    private static CappedStream Open(ZipArchiveEntry entry, string part, ImportLimits limits)
    {
        if (entry.Length > limits.MaxUncompressedBytes)
        {
            throw CappedStream.ZipBomb(part, limits.MaxUncompressedBytes);
        }

        return new CappedStream(entry.Open(), limits.MaxUncompressedBytes, part);
    }

    private static XmlReader Xml(Stream stream) => XmlReader.Create(stream, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = false,
        CloseInput = true,
    });
}
