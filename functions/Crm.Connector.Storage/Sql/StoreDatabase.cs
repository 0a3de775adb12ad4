using System.Data.Common;

namespace Crm.Connector.Storage.Sql;

/// <summary>
/// One engine's connections and the few places its SQL differs. Everything else is written once: both engines speak
/// <c>INSERT … ON CONFLICT</c>, <c>UPDATE … RETURNING</c> and <c>@name</c> parameters.
/// </summary>
internal abstract class StoreDatabase : IAsyncDisposable
{
    public abstract StoreEngine Engine { get; }

    /// <summary>An open connection (pooled).</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A write transaction that takes the engine's write lock at once (SQLite: <c>BEGIN IMMEDIATE</c>).</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Appended to a row-claiming sub-select: <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL; SQLite has one writer, so nothing.</summary>
    public abstract string SkipLocked { get; }

    /// <summary>The larger of two numbers (<c>MAX(a, b)</c> in SQLite, <c>GREATEST(a, b)</c> in PostgreSQL).</summary>
    public abstract string Greatest(string a, string b);

    /// <summary>The schema, as numbered migrations.</summary>
    public abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>Serialises migrations between processes inside <paramref name="transaction"/>.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
