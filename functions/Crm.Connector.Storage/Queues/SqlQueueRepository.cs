using System.Data.Common;
using Crm.Connector.Storage.Sql;

namespace Crm.Connector.Storage.Queues;

/// <summary>The local host's queues as a table, with Storage-queue semantics (invisibility, dequeue counts, pop receipts).</summary>
internal sealed class SqlQueueRepository(StoreDatabase database, TimeProvider time) : IQueueRepository
{
    private const string Columns = "id, queue, body, dequeue_count, inserted_at, visible_at, pop_receipt";

    /// <summary>Rows per INSERT of <see cref="EnqueueManyAsync"/>: well under both engines' limits on parameters per statement.</summary>
    private const int RowsPerInsert = 500;

    public async Task<long> EnqueueAsync(string queue, string text, TimeSpan? initialVisibilityDelay = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        return Convert.ToInt64(
            await Db.ScalarAsync(
                connection,
                "INSERT INTO queue_messages (queue, body, dequeue_count, inserted_at, visible_at, pop_receipt) VALUES (@q, @body, 0, @now, @visible, '') RETURNING id",
                cancellationToken,
                null,
                ("@q", queue),
                ("@body", text),
                ("@now", Db.Ms(now)),
                ("@visible", Db.Ms(now + (initialVisibilityDelay ?? TimeSpan.Zero)))),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task EnqueueManyAsync(string queue, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return;
        }

        var now = Db.Ms(time.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        foreach (var chunk in texts.Chunk(RowsPerInsert))
        {
            // Several rows per statement: on PostgreSQL each statement is a round trip.
            var rows = string.Join(", ", chunk.Select((_, i) => $"(@q, @b{i}, 0, @now, @now, '')"));
            await Db.ExecuteAsync(
                connection,
                $"INSERT INTO queue_messages (queue, body, dequeue_count, inserted_at, visible_at, pop_receipt) VALUES {rows}",
                cancellationToken,
                transaction,
                [("@q", queue), ("@now", now), .. chunk.Select((text, i) => ($"@b{i}", (object?)text))]);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<QueueMessage>> DequeueAsync(string queue, int max, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(
            connection,
            $"""
            UPDATE queue_messages SET dequeue_count = dequeue_count + 1, visible_at = @until,
                pop_receipt = @receipt || '-' || CAST(id AS {(database.Engine == StoreEngine.Sqlite ? "TEXT" : "text")})
            WHERE id IN (SELECT id FROM queue_messages WHERE queue = @q AND visible_at <= @now ORDER BY id LIMIT @max {database.SkipLocked})
            RETURNING {Columns}
            """,
            Read,
            cancellationToken,
            null,
            ("@until", Db.Ms(now + visibilityTimeout)),
            ("@receipt", Guid.NewGuid().ToString("N")),
            ("@q", queue),
            ("@now", Db.Ms(now)),
            ("@max", max));
        return [.. rows.OrderBy(m => m.Id)];
    }

    public async Task<bool> DeleteAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.ExecuteAsync(connection, "DELETE FROM queue_messages WHERE id = @id AND pop_receipt = @receipt", cancellationToken, null, ("@id", message.Id), ("@receipt", message.PopReceipt)) == 1;
    }

    public async Task<bool> ReleaseAsync(QueueMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.ExecuteAsync(
            connection,
            "UPDATE queue_messages SET visible_at = @visible WHERE id = @id AND pop_receipt = @receipt",
            cancellationToken,
            null,
            ("@visible", Db.Ms(time.GetUtcNow() + visibilityTimeout)),
            ("@id", message.Id),
            ("@receipt", message.PopReceipt)) == 1;
    }

    public async Task<bool> MoveToPoisonAsync(QueueMessage message, string poisonQueue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var deleted = await Db.ExecuteAsync(connection, "DELETE FROM queue_messages WHERE id = @id AND pop_receipt = @receipt", cancellationToken, transaction, ("@id", message.Id), ("@receipt", message.PopReceipt));
        if (deleted == 1)
        {
            var now = Db.Ms(time.GetUtcNow());
            await Db.ExecuteAsync(
                connection,
                "INSERT INTO queue_messages (queue, body, dequeue_count, inserted_at, visible_at, pop_receipt) VALUES (@q, @body, 0, @now, @now, '')",
                cancellationToken,
                transaction,
                ("@q", poisonQueue),
                ("@body", message.Text),
                ("@now", now));
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted == 1;
    }

    public async Task<int> CountAsync(string queue, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Convert.ToInt32(await Db.ScalarAsync(connection, "SELECT COUNT(*) FROM queue_messages WHERE queue = @q", cancellationToken, null, ("@q", queue)), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<QueueMessage>> PeekAsync(string queue, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.QueryAsync(connection, $"SELECT {Columns} FROM queue_messages WHERE queue = @q ORDER BY id LIMIT @max", Read, cancellationToken, null, ("@q", queue), ("@max", max));
    }

    private static QueueMessage Read(DbDataReader r) => new()
    {
        Id = Db.Long(r, "id")!.Value,
        Queue = Db.Text(r, "queue")!,
        Text = Db.Text(r, "body")!,
        DequeueCount = Db.Int(r, "dequeue_count"),
        InsertedAt = Db.Time(r, "inserted_at")!.Value,
        NextVisibleAt = Db.Time(r, "visible_at")!.Value,
        PopReceipt = Db.Text(r, "pop_receipt")!,
    };
}
