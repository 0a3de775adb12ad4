using Crm.Connector.Import.Files;

namespace Crm.Connector.Import;

/// <summary>
/// The report to download after an import: every row that was not created or merged — invalid, skipped (duplicates,
/// already imported), refused by the CRM — with its line, outcome and reason first, then the row's cells as in the file,
/// so it can be fixed and uploaded again (re-runs create nothing twice).
/// </summary>
public static class ImportReport
{
    public static void Write(ImportResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var rows = result.Rows.Where(r => r.Outcome is not (ImportOutcome.Created or ImportOutcome.Merged) || r.Reason.Contains("комментарий", StringComparison.Ordinal)).ToList();
        var headers = result.Rows.Count > 0 ? result.Rows[0].Row.Cells.Keys.ToList() : [];
        var header = new List<string> { "Строка", "Итог", "Причина" };
        header.AddRange(headers);
        var lines = rows.Select(r =>
        {
            var cells = new List<string> { r.Row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), Outcome(r.Outcome), r.Reason };
            cells.AddRange(headers.Select(h => r.Row.Cells.GetValueOrDefault(h) ?? string.Empty));
            return (IReadOnlyList<string>)cells;
        });
        var widths = new List<double> { 8, 14, 60 };
        widths.AddRange(headers.Select(h => (double)Math.Clamp(h.Length + 4, 12, 40)));
        XlsxWriter.Write(output, [new XlsxWriter.Sheet("Отчёт", header, lines, widths)]);
    }

    private static string Outcome(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Created => "Создан",
        ImportOutcome.Merged => "Дополнен",
        ImportOutcome.Skipped => "Пропущен",
        ImportOutcome.Invalid => "Ошибка в строке",
        _ => "Отказ CRM",
    };
}
