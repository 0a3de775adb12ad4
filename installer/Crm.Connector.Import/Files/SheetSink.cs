namespace Crm.Connector.Import.Files;

/// <summary>
/// Receives the rows of a sheet as they are read (header first) and says when to stop keeping them: the reader then
/// only counts, so a 100,000-row file never sits in memory.
/// </summary>
internal sealed class SheetSink(int maxRows)
{
    public List<(int Line, IReadOnlyList<ImportCell> Cells)> Rows { get; } = [];

    public IReadOnlyList<ImportCell>? Header { get; private set; }

    /// <summary>Non-empty data rows seen, including those past the limit (counted, not kept).</summary>
    public int DataRows { get; private set; }

    public void Add(int line, IReadOnlyList<ImportCell> cells)
    {
        if (Header is null)
        {
            Header = cells;
            return;
        }

        if (cells.All(c => c.IsEmpty))
        {
            return;
        }

        DataRows++;
        if (DataRows <= maxRows)
        {
            Rows.Add((line, cells));
        }
    }

    public bool Full => DataRows > maxRows;

    /// <summary>Counts a row past the limit without reading its cells.</summary>
    public void Count() => DataRows++;
}
