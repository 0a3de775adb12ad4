namespace Crm.Connector.Import;

/// <summary>A row of the preview: its line, the cells as the user typed them (by header), the verdict and why.</summary>
public sealed record ImportRow
{
    public required int Line { get; init; }

    /// <summary>Column header → the cell's text as shown (dates as dd.MM.yyyy HH:mm:ss).</summary>
    public required IReadOnlyDictionary<string, string> Cells { get; init; }

    public required ImportRowStatus Status { get; init; }

    public ImportDuplicate? DuplicateOf { get; init; }

    public IReadOnlyList<ImportProblem> Problems { get; init; } = [];

    /// <summary>What would be written (null for an invalid row).</summary>
    public ImportItem? Item { get; init; }

    /// <summary>The creation date from the file when the CRM cannot take it (it goes into the first comment).</summary>
    public DateTimeOffset? CreatedAtInComment { get; init; }

    /// <summary>Comments for the client's timeline: «Примечание», «Примечание 2» (and the date that could not be set).</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];

    /// <summary>The CRM item this row is (already imported) or duplicates.</summary>
    public long? ExistingItemId { get; init; }
}
