using Crm.Connector.Storage.Sql;

namespace Crm.Connector.Storage.Leases;

/// <summary>
/// Leases as rows of <c>leases</c>. Taking one is a single upsert whose update only applies to a lease that has run out,
/// so two processes racing for it cannot both win: on PostgreSQL the loser waits for the winner's row and then finds it
/// live; on SQLite writers are serialised anyway. Nothing is locked while the lease is held.
/// </summary>
internal sealed class SqlLeases(StoreDatabase database, TimeProvider time) : ILeases
{
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
}
