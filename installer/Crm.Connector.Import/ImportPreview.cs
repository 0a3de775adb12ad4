namespace Crm.Connector.Import;

/// <summary>What an import would do, row by row, and notices about the whole file (e.g. why dates cannot be kept).</summary>
public sealed record ImportPreview
{
    public required IReadOnlyList<ImportRow> Rows { get; init; }

    public required ImportCounts Counts { get; init; }

    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>HTTP requests the preview made.</summary>
    public int Requests { get; init; }
}
