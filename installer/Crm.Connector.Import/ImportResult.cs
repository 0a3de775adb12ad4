namespace Crm.Connector.Import;

/// <summary>What an import did: counts, every row's outcome (for the report), the ids created, the HTTP requests made.</summary>
public sealed record ImportResult
{
    public int Created { get; init; }

    public int Merged { get; init; }

    /// <summary>Duplicates (in the file or in the CRM, when skipped) and rows already imported.</summary>
    public int Skipped { get; init; }

    public int Invalid { get; init; }

    public int Failed { get; init; }

    /// <summary>Comments the CRM refused (their rows were created; the reason is on the row).</summary>
    public int CommentsFailed { get; init; }

    /// <summary>HTTP requests to the CRM, the preview run inside included.</summary>
    public int Requests { get; init; }

    public IReadOnlyList<ImportRowResult> Rows { get; init; } = [];

    public IReadOnlyList<long> CreatedIds { get; init; } = [];

    public IReadOnlyList<string> Notices { get; init; } = [];
}
