namespace Crm.Connector.Storage.FileImports;

/// <summary>
/// One import of clients from a file, from the upload to its outcome: the file itself (kept until the import is done, so
/// the rows written are the rows the user saw), the user's choice for duplicates, progress and counts, and the report of
/// rows not imported. Only <see cref="IImportStore.GetAsync"/> with content reads <see cref="Content"/> and <see cref="Report"/>.
/// </summary>
public sealed record ImportRun
{
    /// <summary>32 hex characters, random: the page names the import by it.</summary>
    public required string Id { get; init; }

    public required string MemberId { get; init; }

    /// <summary>The portal user who uploaded the file, and their name as the portal gave it.</summary>
    public required long UserId { get; init; }

    public required string UserName { get; init; }

    public required string FileName { get; init; }

    /// <summary>The uploaded bytes; empty when not read.</summary>
    public byte[] Content { get; init; } = [];

    /// <summary><c>skip</c> or <c>merge</c>.</summary>
    public string Duplicates { get; init; } = "skip";

    public ImportStatus Status { get; init; } = ImportStatus.Previewed;

    /// <summary>Rows in the file, and rows handled so far.</summary>
    public int Total { get; init; }

    public int Done { get; init; }

    /// <summary>What the import is doing now (checking, writing, comments), for the progress bar.</summary>
    public string? Phase { get; init; }

    public int Created { get; init; }

    public int Merged { get; init; }

    public int Skipped { get; init; }

    public int Invalid { get; init; }

    public int Failed { get; init; }

    /// <summary>Requests made to the CRM.</summary>
    public int Requests { get; init; }

    /// <summary>Why the import stopped (status <see cref="ImportStatus.Failed"/>).</summary>
    public string? Error { get; init; }

    /// <summary>The .xlsx of rows not imported, with the reason; empty when not read or not made.</summary>
    public byte[] Report { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
