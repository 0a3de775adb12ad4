using System.Text;

namespace Crm.Connector.Import.Files;

/// <summary>
/// RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside, CRLF or LF. The delimiter is what the header
/// line uses (<c>;</c> — Russian Excel's «CSV (разделители — точки с запятой)» — or <c>,</c> or tab). Text is UTF-8
/// (with or without BOM); bytes that are not UTF-8 are read as Windows-1251 (older Russian Excel).
/// </summary>
internal static partial class CsvReader
{
    public static void Read(byte[] bytes, SheetSink sink, ImportLimits limits)
    {
        var text = Decode(bytes);
        var delimiter = Delimiter(text);
        var line = 1;
        var fieldStartLine = 1;
        var cells = new List<ImportCell>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                i += ReadQuoted(text, i, field, limits, ref quoted, ref line);
                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                cells.Add(Cell(field));
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(Cell(field));
                Emit(sink, fieldStartLine, cells);
                line++;
                fieldStartLine = line;
                cells = [];
                if (sink.Full)
                {
                    CountRest(text, i + 1, sink);
                    return;
                }
            }
            else if (field.Length < limits.MaxCellChars)
            {
                field.Append(c);
            }

            i++;
        }

        if (field.Length > 0 || cells.Count > 0)
        {
            cells.Add(Cell(field));
            Emit(sink, fieldStartLine, cells);
        }
    }

    /// <summary>
    /// One character inside a quoted field: <c>""</c> is a quote, a lone <c>"</c> closes the quotes, a line break stays
    /// in the field (and counts as a line). Returns how many characters it took.
    /// </summary>
    private static int ReadQuoted(string text, int i, StringBuilder field, ImportLimits limits, ref bool quoted, ref int line)
    {
        var c = text[i];
        if (c == '"')
        {
            if (i + 1 < text.Length && text[i + 1] == '"')
            {
                field.Append('"');
                return 2;
            }

            quoted = false;
        }
        else
        {
            if (c == '\n')
            {
                line++;
            }

            if (field.Length < limits.MaxCellChars)
            {
                field.Append(c);
            }
        }

        return 1;
    }

    private static void Emit(SheetSink sink, int line, List<ImportCell> cells) => sink.Add(line, cells);

    /// <summary>Past the row limit: count the remaining non-empty lines (roughly: a quoted line break counts twice), keep nothing.</summary>
    private static void CountRest(string text, int from, SheetSink sink)
    {
        var start = from;
        for (var i = from; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                if (text.AsSpan(start, i - start).Trim().Length > 0)
                {
                    sink.Count();
                }

                start = i + 1;
            }
        }
    }

    private static ImportCell Cell(StringBuilder field)
    {
        var text = field.ToString();
        field.Clear();

        // A value a spreadsheet would run as a formula (CSV injection): never imported, reported on the row.
        return new ImportCell { Text = text, Formula = LooksLikeFormula(text) };
    }

    /// <summary>
    /// <c>=</c>, <c>@</c>, or <c>+</c>/<c>-</c> not followed by a number or a phone (<c>+7 (917) 123-45-78</c> and
    /// <c>-5</c> are values, <c>+SUM(A1)</c> and <c>-2+3</c> are not — a minus is allowed only before a plain number).
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> PhoneChars = System.Buffers.SearchValues.Create("0123456789 ()-");

    internal static bool LooksLikeFormula(string text)
    {
        var value = text.TrimStart();
        if (value.Length == 0)
        {
            return false;
        }

        return value[0] switch
        {
            '=' or '@' => true,
            '+' => value.Length == 1 || value.AsSpan(1).ContainsAnyExcept(PhoneChars),
            '-' => !PlainNegative().IsMatch(value),
            _ => false,
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^-\d+([.,]\d+)?$")]
    private static partial System.Text.RegularExpressions.Regex PlainNegative();

    private static string Decode(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(span);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1251).GetString(span);
        }
    }

    private static char Delimiter(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        var semicolons = header.Count(c => c == ';');
        var commas = header.Count(c => c == ',');
        var tabs = header.Count(c => c == '\t');
        return tabs > semicolons && tabs > commas ? '\t' : semicolons >= commas ? ';' : ',';
    }
}
