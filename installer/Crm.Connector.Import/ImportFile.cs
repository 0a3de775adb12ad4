namespace Crm.Connector.Import;

/// <summary>A file read and checked against the layout's header: its non-empty data rows.</summary>
public sealed record ImportFile
{
    public required string FileName { get; init; }

    /// <summary><c>xlsx</c> or <c>csv</c>.</summary>
    public required string Format { get; init; }

    public required IReadOnlyList<ImportFileRow> Rows { get; init; }
}
