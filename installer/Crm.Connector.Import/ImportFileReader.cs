using System.Globalization;
using Crm.Connector.Import.Files;

namespace Crm.Connector.Import;

/// <summary>
/// Reads an uploaded file — .xlsx or .csv, told by its content, not its name — and checks its header row against the
/// layout (seed 002: the header row must stay and the column order must not change). Refuses, with
/// <see cref="ImportFileException"/> and a message for the user, anything else: an old .xls, an encrypted or broken
/// workbook, a picture, a file over <see cref="ImportLimits.MaxBytes"/> or <see cref="ImportLimits.MaxRows"/>, a zip bomb.
/// </summary>
public static class ImportFileReader
{
    /// <summary>Reads <paramref name="input"/> (at most <see cref="ImportLimits.MaxBytes"/> of it are ever buffered).</summary>
    /// <exception cref="ImportFileException">The file cannot be imported; the message says why and what to do.</exception>
    public static ImportFile Read(Stream input, string fileName, ImportLayout layout, ImportLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(layout);
        limits ??= new ImportLimits();
        var bytes = ReadCapped(input, limits.MaxBytes);
        var sink = new SheetSink(limits.MaxRows);
        string format;
        if (bytes.Length == 0)
        {
            throw new ImportFileException(ImportFileError.Empty, "Файл пустой. Скачайте шаблон, заполните его и загрузите.");
        }

        if (StartsWith(bytes, [0x50, 0x4B, 0x03, 0x04]))
        {
            format = "xlsx";
            using var zip = new MemoryStream(bytes, writable: false);
            XlsxReader.Read(zip, sink, limits);
        }
        else if (StartsWith(bytes, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            // An OLE2 container: an old .xls — or an .xlsx saved with a password (Office keeps those in OLE2 too).
            throw IsEncryptedPackage(bytes)
                ? new ImportFileException(ImportFileError.Encrypted, "Файл Excel защищён паролем. Снимите пароль (Файл → Сведения → Защита книги → Зашифровать с паролем → пустой пароль), сохраните и загрузите снова.")
                : new ImportFileException(ImportFileError.OldExcelFormat, "Это файл старого формата Excel (.xls). Откройте его в Excel и сохраните как «Книга Excel (.xlsx)» (Файл → Сохранить как), затем загрузите .xlsx.");
        }
        else if (LooksLikeText(bytes))
        {
            format = "csv";
            CsvReader.Read(bytes, sink, limits);
        }
        else
        {
            throw new ImportFileException(ImportFileError.NotASpreadsheet, $"Файл «{fileName}» не похож на таблицу Excel (.xlsx) или CSV. Скачайте шаблон, заполните его в Excel и сохраните как .xlsx.");
        }

        if (sink.DataRows > limits.MaxRows)
        {
            throw new ImportFileException(ImportFileError.TooManyRows, string.Create(CultureInfo.GetCultureInfo("ru-RU"),
                $"В файле {sink.DataRows:N0} строк с данными, а за один раз можно загрузить не больше {limits.MaxRows:N0}. Разделите файл на части по {limits.MaxRows:N0} строк (строку заголовка оставьте в каждой) и загрузите их по очереди."));
        }

        CheckHeader(sink.Header, layout);
        var width = layout.Columns.Count;
        var rows = sink.Rows
            .Select(r => new ImportFileRow { Line = r.Line, Cells = [.. Enumerable.Range(0, width).Select(i => i < r.Cells.Count ? r.Cells[i] : ImportCell.Empty)] })
            .ToList();
        return new ImportFile { FileName = fileName, Format = format, Rows = rows };
    }

    private static byte[] ReadCapped(Stream input, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int n;
        while ((n = input.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > maxBytes)
            {
                throw new ImportFileException(ImportFileError.TooBig, string.Create(CultureInfo.InvariantCulture,
                    $"Файл больше {maxBytes / (1024 * 1024)} МБ. Разделите его на несколько файлов (в каждом оставьте строку заголовка) или удалите лишние столбцы и листы, и загрузите по очереди."));
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private static void CheckHeader(IReadOnlyList<ImportCell>? header, ImportLayout layout)
    {
        var expected = layout.Columns.Select(c => c.Header).ToList();
        var all = string.Join(", ", expected.Select(h => $"«{h}»"));
        var actual = (header ?? []).Select(c => Normalize(c.Text)).ToList();
        while (actual.Count > 0 && actual[^1].Length == 0)
        {
            actual.RemoveAt(actual.Count - 1);
        }

        if (actual.Count == 0)
        {
            throw new ImportFileException(ImportFileError.Header, $"В файле нет строки заголовка. Первая строка должна содержать заголовки шаблона в таком порядке: {all}. Скачайте шаблон и перенесите данные в него.");
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var want = expected[i];
            var number = i + 1;
            if (i >= actual.Count)
            {
                throw new ImportFileException(ImportFileError.Header, $"Нет столбца «{want}» (столбец {number}). Столбцы шаблона нельзя удалять и переставлять: {all}.", want, number);
            }

            if (string.Equals(actual[i], Normalize(want), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var elsewhere = actual.FindIndex(a => string.Equals(a, Normalize(want), StringComparison.OrdinalIgnoreCase));
            var found = actual[i].Length == 0 ? "пусто" : $"«{actual[i]}»";
            var hint = elsewhere >= 0
                ? $" Столбец «{want}» стоит на месте {elsewhere + 1}: порядок столбцов шаблона менять нельзя."
                : " Не меняйте заголовки и порядок столбцов шаблона.";
            throw new ImportFileException(ImportFileError.Header, $"Столбец {number} должен называться «{want}», в файле — {found}.{hint}", want, number);
        }

        if (actual.Count > expected.Count)
        {
            var extra = expected.Count;
            throw new ImportFileException(ImportFileError.Header, $"Лишний столбец {extra + 1} «{actual[extra]}»: в шаблоне {expected.Count} столбцов. Удалите лишние столбцы или скачайте шаблон заново.", actual[extra], extra + 1);
        }
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace('ё', 'е').Replace('Ё', 'Е');

    private static bool StartsWith(byte[] bytes, ReadOnlySpan<byte> magic) => bytes.AsSpan().StartsWith(magic);

    private static bool IsEncryptedPackage(byte[] bytes)
    {
        ReadOnlySpan<byte> name = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0"u8;
        return bytes.AsSpan().IndexOf(name) >= 0;
    }

    /// <summary>Text has no NUL bytes and few control characters in its first 8 KB.</summary>
    private static bool LooksLikeText(byte[] bytes)
    {
        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        var control = 0;
        foreach (var b in head)
        {
            if (b == 0)
            {
                return false;
            }

            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D))
            {
                control++;
            }
        }

        return control * 100 < head.Length;
    }
}
