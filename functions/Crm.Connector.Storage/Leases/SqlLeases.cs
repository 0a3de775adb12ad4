using Crm.Connector.Storage.Sql;

namespace Crm.Connector.Storage.Leases;

/// <summary>
/// The leases table. Each step is one conditional statement, so two processes racing for an expired lease cannot both
/// win: the database re-checks the condition on the row it locked.
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
        else if (await Db.ExecuteAsync(connection, "UPDATE leases SET owner = @o, held_until = @until WHERE name = @n AND held_until <= @now", cancellationToken, transaction, ("@until", until), ("@n", name), ("@o", owner), ("@now", now)) == 1
            || await Db.ExecuteAsync(connection, "INSERT INTO leases (name, owner, held_until) VALUES (@n, @o, @until) ON CONFLICT (name) DO NOTHING", cancellationToken, transaction, ("@until", until), ("@n", name), ("@o", owner)) == 1)
        {
            result = LeaseResult.Acquired;
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
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
