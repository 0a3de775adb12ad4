namespace Crm.Connector.Import;

/// <summary>Rows per status of a preview.</summary>
public sealed record ImportCounts
{
    public int Total { get; init; }

    public int Ready { get; init; }

    public int DuplicatesInFile { get; init; }

    public int DuplicatesInCrm { get; init; }

    public int AlreadyImported { get; init; }

    public int Invalid { get; init; }

    /// <summary>Rows with at least one warning.</summary>
    public int WithWarnings { get; init; }
}
