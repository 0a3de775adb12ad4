namespace Crm.Connector.Import;

/// <summary>
/// The CRM an import writes to, CRM-neutral: its channels and newest creation time, the items it already has by import
/// key or by phone, and bulk writes. Each call may be one HTTP request or several; the engine calls with at most
/// <see cref="Limits"/> items so it can report progress after every request.
/// </summary>
public interface IImportTarget
{
    /// <summary>HTTP requests made so far.</summary>
    int Requests { get; }

    /// <summary>How many items of each kind fit into one request.</summary>
    ImportTargetLimits Limits { get; }

    /// <summary>Channels (in the CRM's order), the newest item's creation time, whether creation times may be set.</summary>
    Task<ImportTargetInfo> DescribeAsync(ImportLayout layout, CancellationToken cancellationToken = default);

    /// <summary>The items carrying these import keys: key → item id.</summary>
    Task<IReadOnlyDictionary<string, long>> FindKeysAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>The items with any of these phones (+7…), with what they already have filled.</summary>
    Task<IReadOnlyList<ImportExisting>> FindByPhonesAsync(IReadOnlyList<string> phones, CancellationToken cancellationToken = default);

    /// <summary>Creates the items; one result per item, in order.</summary>
    Task<IReadOnlyList<ImportWrite>> CreateAsync(IReadOnlyList<ImportItem> items, CancellationToken cancellationToken = default);

    /// <summary>Sets the given (non-null) values on existing items — the engine passes only what is empty there.</summary>
    Task<IReadOnlyList<ImportWrite>> FillEmptyAsync(IReadOnlyList<ImportMerge> merges, CancellationToken cancellationToken = default);

    /// <summary>Adds comments to items' timelines; one result per comment, in order.</summary>
    Task<IReadOnlyList<ImportWrite>> AddCommentsAsync(IReadOnlyList<ImportComment> comments, CancellationToken cancellationToken = default);
}
