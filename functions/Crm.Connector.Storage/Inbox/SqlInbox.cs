using System.Data.Common;
using Crm.Connector.Storage.Sql;
using Newtonsoft.Json;

namespace Crm.Connector.Storage.Inbox;

/// <summary>
/// The inbox table. A claim moves an item's <c>visible_at</c> to the end of the lease in the same statement that picks
/// it (<c>UPDATE … WHERE id IN (SELECT … SKIP LOCKED) RETURNING</c>), so two workers never get the same item while the
/// lease holds; an item becomes claimable again when its lease or retry time passes. A copy that arrives while its
/// item is claimed or waiting for a retry (tried at least once, <c>visible_at</c> past the copy's stamp) marks it to be
/// read once more; a copy of an item never claimed is a duplicate whatever its stamp, since copies arriving together
/// can reach the database out of the order they were stamped in.
/// </summary>
internal sealed class SqlInbox(StoreDatabase database, TimeProvider time) : IInbox
{
    private const string Columns = "id, key, member_id, kind, entity, item_id, payload, received_at, attempts, status, error";

    public async Task<bool> TryAcceptAsync(InboxItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.ExecuteAsync(
            connection,
            $"""
            INSERT INTO inbox (key, member_id, kind, entity, item_id, payload, received_at, attempts, status, visible_at)
            VALUES (@key, @m, @kind, @entity, @item, @payload, @received, 0, 'Pending', @received)
            ON CONFLICT (key) DO UPDATE SET
                attempts = CASE WHEN inbox.status = 'Done' THEN 0 ELSE inbox.attempts END,
                visible_at = CASE WHEN inbox.status = 'Done' THEN @received ELSE inbox.visible_at END,
                received_at = {database.Greatest("@received", "inbox.received_at + 1")},
                status = 'Pending', error = NULL, payload = @payload
            WHERE inbox.status = 'Done' OR (inbox.status = 'Pending' AND inbox.attempts > 0 AND inbox.visible_at > @received)
            """,
            cancellationToken,
            null,
            ("@key", item.Key),
            ("@m", item.MemberId),
            ("@kind", item.Kind),
            ("@entity", item.Entity),
            ("@item", item.ItemId),
            ("@payload", item.Payload.ToString(Formatting.None)),
            ("@received", Db.Ms(item.ReceivedAt))) == 1;
    }

    public async Task<IReadOnlyList<InboxItem>> ClaimAsync(string memberId, int max, TimeSpan lease, CancellationToken cancellationToken = default) =>
        await ClaimAsync(memberId, max, lease, owner: null, cancellationToken);

    public async Task<IReadOnlyList<InboxItem>> ClaimAsync(string memberId, int max, TimeSpan lease, string? owner, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(
            connection,
            $"""
            UPDATE inbox SET visible_at = @until, attempts = attempts + 1, claimed_by = @owner
            WHERE id IN (SELECT id FROM inbox WHERE member_id = @m AND status = 'Pending' AND visible_at <= @now ORDER BY id LIMIT @max {database.SkipLocked})
            RETURNING {Columns}
            """,
            Read,
            cancellationToken,
            null,
            ("@until", Db.Ms(now + lease)),
            ("@owner", owner ?? "?"),
            ("@m", memberId),
            ("@now", Db.Ms(now)),
            ("@max", max));
        return [.. rows.OrderBy(r => r.Id)];
    }

    public async Task<bool> HasClaimableAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.ScalarAsync(connection, "SELECT 1 FROM inbox WHERE member_id = @m AND status = 'Pending' AND visible_at <= @now LIMIT 1", cancellationToken, null, ("@m", memberId), ("@now", Db.Ms(time.GetUtcNow()))) is not null;
    }

    public async Task<IReadOnlyList<string>> PortalsWithPendingAsync(DateTimeOffset receivedBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.QueryAsync(
            connection,
            "SELECT DISTINCT member_id FROM inbox WHERE status = 'Pending' AND received_at < @before AND visible_at <= @now ORDER BY member_id",
            r => r.GetString(0),
            cancellationToken,
            null,
            ("@before", Db.Ms(receivedBefore)),
            ("@now", Db.Ms(time.GetUtcNow())));
    }

    public async Task CompleteAsync(IReadOnlyCollection<InboxItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await CompleteAsync(connection, transaction, items, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Completes claimed items inside the caller's transaction (see <see cref="CompleteAsync(IReadOnlyCollection{InboxItem}, CancellationToken)"/>).</summary>
    internal static async Task CompleteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<InboxItem> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            await Db.ExecuteAsync(
                connection,
                "UPDATE inbox SET status = 'Done', error = NULL, claimed_by = NULL WHERE id = @id AND received_at = @seen",
                cancellationToken,
                transaction,
                ("@id", item.Id),
                ("@seen", Db.Ms(item.ReceivedAt)));
        }

        // Items delivered again while being worked on are still pending: claimable at once, to read the item again.
        foreach (var chunk in items.Select(i => i.Id).Chunk(500))
        {
            var (list, parameters) = Db.InList(chunk);
            await Db.ExecuteAsync(connection, $"UPDATE inbox SET visible_at = @now, claimed_by = NULL WHERE status = 'Pending' AND id IN ({list})", cancellationToken, transaction, [("@now", Db.Ms(now)), .. parameters]);
        }
    }

    public async Task<int> ReopenClaimsAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.ExecuteAsync(
            connection,
            "UPDATE inbox SET visible_at = @now, claimed_by = NULL WHERE member_id = @m AND status = 'Pending' AND claimed_by IS NOT NULL",
            cancellationToken,
            null,
            ("@now", Db.Ms(time.GetUtcNow())),
            ("@m", memberId));
    }

    public async Task ReleaseAsync(IReadOnlyCollection<long> ids, string failure, TimeSpan retryAfter, int maxAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var retryAt = Db.Ms(time.GetUtcNow() + retryAfter);
        await UpdateAsync(
            ids,
            "status = CASE WHEN attempts >= @max THEN 'Failed' ELSE 'Pending' END, error = @error, visible_at = @retry, claimed_by = NULL",
            [("@max", maxAttempts), ("@error", failure.Length > 2000 ? failure[..2000] : failure), ("@retry", retryAt)],
            cancellationToken);
    }

    public async Task<int> CloseAsync(string memberId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.ExecuteAsync(
            connection,
            "UPDATE inbox SET status = 'Done', error = @reason, visible_at = @now, claimed_by = NULL WHERE member_id = @m AND status = 'Pending'",
            cancellationToken,
            null,
            ("@reason", reason.Length > 2000 ? reason[..2000] : reason),
            ("@now", Db.Ms(time.GetUtcNow())),
            ("@m", memberId));
    }

    public async Task<InboxItem?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(connection, $"SELECT {Columns} FROM inbox WHERE id = @id", Read, cancellationToken, null, ("@id", id));
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyDictionary<InboxStatus, int>> CountAsync(string? memberId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(
            connection,
            memberId is null ? "SELECT status, COUNT(*) FROM inbox GROUP BY status" : "SELECT status, COUNT(*) FROM inbox WHERE member_id = @m GROUP BY status",
            r => (Status: Enum.Parse<InboxStatus>(r.GetString(0)), Count: Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)),
            cancellationToken,
            null,
            memberId is null ? [] : [("@m", memberId)]);
        return rows.ToDictionary(r => r.Status, r => r.Count);
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.ExecuteAsync(connection, "DELETE FROM inbox WHERE status = 'Done' AND received_at < @before", cancellationToken, null, ("@before", Db.Ms(before)));
    }

    private async Task UpdateAsync(IReadOnlyCollection<long> ids, string set, (string, object?)[] extra, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        foreach (var chunk in ids.Chunk(500))
        {
            var (list, parameters) = Db.InList(chunk);
            // Only pending items: one closed while a worker held it (the app was uninstalled) stays closed.
            await Db.ExecuteAsync(connection, $"UPDATE inbox SET {set} WHERE status = 'Pending' AND id IN ({list})", cancellationToken, transaction, [.. extra, .. parameters]);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static InboxItem Read(DbDataReader r) => new()
    {
        Id = Db.Long(r, "id")!.Value,
        Key = Db.Text(r, "key")!,
        MemberId = Db.Text(r, "member_id")!,
        Kind = Db.Text(r, "kind")!,
        Entity = Db.Text(r, "entity"),
        ItemId = Db.Long(r, "item_id"),
        Payload = Db.Json(Db.Text(r, "payload")),
        ReceivedAt = Db.Time(r, "received_at")!.Value,
        Attempts = Db.Int(r, "attempts"),
        Status = Enum.Parse<InboxStatus>(Db.Text(r, "status")!),
        Error = Db.Text(r, "error"),
    };
}
