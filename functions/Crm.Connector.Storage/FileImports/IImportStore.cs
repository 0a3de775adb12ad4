namespace Crm.Connector.Storage.FileImports;

/// <summary>Imports of clients from files. Status changes are compare-and-set, so a double click or a redelivered message runs an import once.</summary>
public interface IImportStore
{
    Task AddAsync(ImportRun run, CancellationToken cancellationToken = default);

    /// <summary>The import, with its file and report when <paramref name="withContent"/>; null when the installation has no such import.</summary>
    Task<ImportRun?> GetAsync(string memberId, string id, bool withContent = false, CancellationToken cancellationToken = default);

    /// <summary>The newest imports of an installation, without their files.</summary>
    Task<IReadOnlyList<ImportRun>> ListAsync(string memberId, int max = 20, CancellationToken cancellationToken = default);

    /// <summary>Previewed (or failed, to run again) → queued with the user's choice for duplicates; false when it was not waiting for that (already queued, running, done or unknown).</summary>
    Task<bool> QueueAsync(string memberId, string id, string duplicates, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queued → running, for one worker; a run whose worker stopped reporting progress before <paramref name="staleBefore"/>
    /// (it died) may be taken again — rows already written are recognised by their import keys and not written twice.
    /// </summary>
    Task<bool> StartAsync(string memberId, string id, DateTimeOffset staleBefore, CancellationToken cancellationToken = default);

    Task ProgressAsync(string memberId, string id, int done, int total, string phase, CancellationToken cancellationToken = default);

    /// <summary>Done with <paramref name="outcome"/>, or failed with <paramref name="failure"/>; the file is dropped once done.</summary>
    Task FinishAsync(string memberId, string id, ImportTotals? outcome, string? failure, CancellationToken cancellationToken = default);
}
