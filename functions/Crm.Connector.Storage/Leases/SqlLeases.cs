using Crm.Connector.Storage.Sql;

namespace Crm.Connector.Storage.Leases;

/// <summary>
/// The leases table. Each step is one conditional statement, so two processes racing for an expired lease cannot both
/// win: the database re-checks the condition on the row it locked (on PostgreSQL the loser waits for the winner's row
/// and then finds it live; on SQLite writers are serialised anyway). Nothing is locked while a lease is held.
/// </summary>
internal sealed class SqlLeases(StoreDatabase database, TimeProvider time) : ILeases
{
    public async Task<LeaseResult> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(owner);
        var now = Db.Ms(time.GetUtcNow());
        var until = Db.Ms(time.GetUtcNow() + duration);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var result = LeaseResult.Held;
        if (await Db.ExecuteAsync(connection, "UPDATE leases SET held_until = @until WHERE name = @n AND owner = @o AND held_until > @now", cancellationToken, transaction, ("@until", until), ("@n", name), ("@o", owner), ("@now", now)) == 1)
        {
            result = LeaseResult.Renewed;
        }
        else if (await Db.ExecuteAsync(connection, "UPDATE leases SET owner = @o, held_until = @until, acquired_at = @now WHERE name = @n AND held_until <= @now", cancellationToken, transaction, ("@until", until), ("@n", name), ("@o", owner), ("@now", now)) == 1
            || await Db.ExecuteAsync(connection, "INSERT INTO leases (name, owner, held_until, acquired_at) VALUES (@n, @o, @until, @now) ON CONFLICT (name) DO NOTHING", cancellationToken, transaction, ("@until", until), ("@n", name), ("@o", owner), ("@now", now)) == 1)
        {
            result = LeaseResult.Acquired;
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public async Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await using var connection = await database.OpenAsync(cancellationToken);
        var taken = await Db.ExecuteAsync(
            connection,
            """
            INSERT INTO leases (name, owner, held_until, acquired_at) VALUES (@name, @owner, @until, @now)
            ON CONFLICT (name) DO UPDATE SET owner = @owner, held_until = @until, acquired_at = @now
            WHERE leases.held_until <= @now
            """,
            cancellationToken,
            null,
            ("@name", name),
            ("@owner", owner),
            ("@until", Db.Ms(until)),
            ("@now", Db.Ms(time.GetUtcNow())));
        return taken == 1;
    }

    public async Task<Lease?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(
            connection,
            "SELECT name, owner, held_until, acquired_at FROM leases WHERE name = @name",
            r => new Lease(r.GetString(0), r.GetString(1), Db.Time(r, "held_until")!.Value, Db.Time(r, "acquired_at")!.Value),
            cancellationToken,
            null,
            ("@name", name));
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await Db.ExecuteAsync(connection, "DELETE FROM leases WHERE name = @n AND owner = @o", cancellationToken, null, ("@n", name), ("@o", owner));
    }

    /// <summary>
    /// Inside the caller's transaction: true when <paramref name="owner"/> still holds <paramref name="name"/>, extending
    /// it. The row stays locked until the transaction ends, so nobody can take the lease over while the caller commits
    /// work it did under it (a fence: work decided by a holder that lost its lease is refused).
    /// </summary>
    internal static async Task<bool> HoldAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string name, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        await Db.ExecuteAsync(
            connection,
            "UPDATE leases SET held_until = @until WHERE name = @n AND owner = @o AND held_until > @now",
            cancellationToken,
            transaction,
            ("@until", Db.Ms(now + duration)),
            ("@n", name),
            ("@o", owner),
            ("@now", Db.Ms(now))) == 1;
}
