namespace Crm.Connector.Import;

/// <summary>A data row of the file: its line (the header is line 1) and a cell per layout column.</summary>
public sealed record ImportFileRow
{
    public required int Line { get; init; }

    public required IReadOnlyList<ImportCell> Cells { get; init; }
}
