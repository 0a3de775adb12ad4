namespace Crm.Connector.Storage.Audit;

/// <summary>The log of every automated action with its cause.</summary>
public interface IAuditLog
{
    /// <summary>Appends the entries in one transaction; an entry whose <see cref="AuditEntry.Key"/> exists is skipped. Returns how many were added.</summary>
    Task<int> AppendAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>True when an entry with <paramref name="key"/> exists.</summary>
    Task<bool> ContainsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Newest first, optionally for one item.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string memberId, string? entity = null, long? itemId = null, int max = 100, CancellationToken cancellationToken = default);
}
