using System.Data.Common;
using Crm.Connector.Storage.Sql;
using Newtonsoft.Json;

namespace Crm.Connector.Storage.Snapshots;

internal sealed class SqlSnapshotRepository(StoreDatabase database) : ISnapshotRepository
{
    public async Task<EntitySnapshot?> GetAsync(string memberId, string entity, long itemId, CancellationToken cancellationToken = default)
    {
        var found = await GetManyAsync(memberId, entity, [itemId], cancellationToken);
        return found.GetValueOrDefault(itemId);
    }

    public async Task<IReadOnlyDictionary<long, EntitySnapshot>> GetManyAsync(string memberId, string entity, IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var result = new Dictionary<long, EntitySnapshot>();
        if (itemIds.Count == 0)
        {
            return result;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in itemIds.Distinct().Chunk(500))
        {
            var (list, parameters) = Db.InList(chunk);
            var rows = await Db.QueryAsync(
                connection,
                $"SELECT item_id, fields, seen_at FROM snapshots WHERE member_id = @m AND entity = @e AND item_id IN ({list})",
                r => new EntitySnapshot(memberId, entity, Db.Long(r, "item_id")!.Value, Db.Json(Db.Text(r, "fields")), Db.Time(r, "seen_at")!.Value),
                cancellationToken,
                null,
                [("@m", memberId), ("@e", entity), .. parameters]);
            foreach (var row in rows)
            {
                result[row.ItemId] = row;
            }
        }

        return result;
    }

    public async Task SaveManyAsync(IReadOnlyCollection<EntitySnapshot> snapshots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        foreach (var snapshot in snapshots)
        {
            await SaveAsync(connection, transaction, snapshot, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Saves one snapshot inside the caller's transaction (the outbox commits snapshots with the work they record).</summary>
    internal static Task<int> SaveAsync(DbConnection connection, DbTransaction transaction, EntitySnapshot snapshot, CancellationToken cancellationToken) =>
        Db.ExecuteAsync(
            connection,
            """
            INSERT INTO snapshots (member_id, entity, item_id, fields, seen_at) VALUES (@m, @e, @id, @fields, @seen)
            ON CONFLICT (member_id, entity, item_id) DO UPDATE SET fields = @fields, seen_at = @seen
            """,
            cancellationToken,
            transaction,
            ("@m", snapshot.MemberId),
            ("@e", snapshot.Entity),
            ("@id", snapshot.ItemId),
            ("@fields", snapshot.Fields.ToString(Formatting.None)),
            ("@seen", Db.Ms(snapshot.SeenAt)));

    /// <summary>Deletes one snapshot inside the caller's transaction.</summary>
    internal static Task<int> DeleteAsync(DbConnection connection, DbTransaction? transaction, string memberId, string entity, long itemId, CancellationToken cancellationToken) =>
        Db.ExecuteAsync(connection, "DELETE FROM snapshots WHERE member_id = @m AND entity = @e AND item_id = @id", cancellationToken, transaction, ("@m", memberId), ("@e", entity), ("@id", itemId));

    public async Task<bool> DeleteAsync(string memberId, string entity, long itemId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await DeleteAsync(connection, null, memberId, entity, itemId, cancellationToken) == 1;
    }
}
