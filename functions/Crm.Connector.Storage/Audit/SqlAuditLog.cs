using System.Data.Common;
using Crm.Connector.Storage.Sql;
using Newtonsoft.Json;

namespace Crm.Connector.Storage.Audit;

internal sealed class SqlAuditLog(StoreDatabase database) : IAuditLog
{
    public async Task<int> AppendAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return 0;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var added = 0;
        foreach (var entry in entries)
        {
            added += await InsertAsync(connection, transaction, entry, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>Appends one entry inside the caller's transaction; an entry whose key is already recorded is skipped (0).</summary>
    internal static Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, AuditEntry entry, CancellationToken cancellationToken) =>
        Db.ExecuteAsync(
            connection,
            """
            INSERT INTO audit (member_id, at, entity, item_id, action, cause, detail, key) VALUES (@m, @at, @entity, @item, @action, @cause, @detail, @key)
            ON CONFLICT (key) DO NOTHING
            """,
            cancellationToken,
            transaction,
            ("@m", entry.MemberId),
            ("@at", Db.Ms(entry.At)),
            ("@entity", entry.Entity),
            ("@item", entry.ItemId),
            ("@action", entry.Action),
            ("@cause", entry.Cause),
            ("@detail", entry.Detail.ToString(Formatting.None)),
            ("@key", entry.Key));

    public async Task<bool> ContainsAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.ScalarAsync(connection, "SELECT 1 FROM audit WHERE key = @key", cancellationToken, null, ("@key", key)) is not null;
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string memberId, string? entity = null, long? itemId = null, int max = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var filter = (entity is null ? string.Empty : " AND entity = @entity") + (itemId is null ? string.Empty : " AND item_id = @item");
        return await Db.QueryAsync(
            connection,
            $"SELECT id, member_id, at, entity, item_id, action, cause, detail, key FROM audit WHERE member_id = @m{filter} ORDER BY id DESC LIMIT @max",
            r => new AuditEntry
            {
                Id = Db.Long(r, "id")!.Value,
                MemberId = Db.Text(r, "member_id")!,
                At = Db.Time(r, "at")!.Value,
                Entity = Db.Text(r, "entity"),
                ItemId = Db.Long(r, "item_id"),
                Action = Db.Text(r, "action")!,
                Cause = Db.Text(r, "cause")!,
                Detail = Db.Json(Db.Text(r, "detail")),
                Key = Db.Text(r, "key"),
            },
            cancellationToken,
            null,
            ("@m", memberId),
            ("@entity", entity),
            ("@item", itemId),
            ("@max", max));
    }
}
