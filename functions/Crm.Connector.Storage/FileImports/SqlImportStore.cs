using System.Data.Common;
using Crm.Connector.Storage.Sql;

namespace Crm.Connector.Storage.FileImports;

/// <summary>The <c>imports</c> table; files and reports are kept base64 in text columns (both engines, no blob dialects).</summary>
internal sealed class SqlImportStore(StoreDatabase database, TimeProvider time) : IImportStore
{
    private const string Columns = "id, member_id, user_id, user_name, file_name, duplicates, status, total, done, phase, created, merged, skipped, invalid, failed, requests, error, created_at, updated_at";

    public async Task AddAsync(ImportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var connection = await database.OpenAsync(cancellationToken);
        await Db.ExecuteAsync(
            connection,
            """
            INSERT INTO imports (id, member_id, user_id, user_name, file_name, content, duplicates, status, total, done, phase,
                                 created, merged, skipped, invalid, failed, requests, error, report, created_at, updated_at)
            VALUES (@id, @m, @u, @un, @f, @c, @d, @s, @t, 0, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, @at, @at)
            """,
            cancellationToken,
            null,
            ("@id", run.Id),
            ("@m", run.MemberId),
            ("@u", run.UserId),
            ("@un", run.UserName),
            ("@f", run.FileName),
            ("@c", Convert.ToBase64String(run.Content)),
            ("@d", run.Duplicates),
            ("@s", run.Status.ToString()),
            ("@t", run.Total),
            ("@at", Db.Ms(run.CreatedAt)));
    }

    public async Task<ImportRun?> GetAsync(string memberId, string id, bool withContent = false, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var columns = withContent ? Columns + ", content, report" : Columns;
        var rows = await Db.QueryAsync(connection, $"SELECT {columns} FROM imports WHERE member_id = @m AND id = @id", r => Read(r, withContent), cancellationToken, null, ("@m", memberId), ("@id", id));
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<ImportRun>> ListAsync(string memberId, int max = 20, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.QueryAsync(connection, $"SELECT {Columns} FROM imports WHERE member_id = @m ORDER BY created_at DESC, id LIMIT @max", r => Read(r, false), cancellationToken, null, ("@m", memberId), ("@max", max));
    }

    public async Task<bool> QueueAsync(string memberId, string id, string duplicates, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.ExecuteAsync(
            connection,
            "UPDATE imports SET status = @queued, duplicates = @d, updated_at = @at WHERE member_id = @m AND id = @id AND status IN (@previewed, @failed)",
            cancellationToken,
            null,
            ("@queued", nameof(ImportStatus.Queued)),
            ("@previewed", nameof(ImportStatus.Previewed)),
            ("@failed", nameof(ImportStatus.Failed)),
            ("@d", duplicates),
            ("@at", Db.Ms(time.GetUtcNow())),
            ("@m", memberId),
            ("@id", id)) == 1;
    }

    public async Task<bool> StartAsync(string memberId, string id, DateTimeOffset staleBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.ExecuteAsync(
            connection,
            """
            UPDATE imports SET status = @running, updated_at = @at
            WHERE member_id = @m AND id = @id AND (status = @queued OR (status = @running AND updated_at < @stale))
            """,
            cancellationToken,
            null,
            ("@running", nameof(ImportStatus.Running)),
            ("@queued", nameof(ImportStatus.Queued)),
            ("@stale", Db.Ms(staleBefore)),
            ("@at", Db.Ms(time.GetUtcNow())),
            ("@m", memberId),
            ("@id", id)) == 1;
    }

    public async Task ProgressAsync(string memberId, string id, int done, int total, string phase, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await Db.ExecuteAsync(
            connection,
            "UPDATE imports SET done = @done, total = @total, phase = @phase, updated_at = @at WHERE member_id = @m AND id = @id",
            cancellationToken,
            null,
            ("@done", done),
            ("@total", total),
            ("@phase", phase),
            ("@at", Db.Ms(time.GetUtcNow())),
            ("@m", memberId),
            ("@id", id));
    }

    public async Task FinishAsync(string memberId, string id, ImportTotals? outcome, string? failure, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (outcome is null)
        {
            await Db.ExecuteAsync(
                connection,
                "UPDATE imports SET status = @s, error = @e, updated_at = @at WHERE member_id = @m AND id = @id",
                cancellationToken,
                null,
                ("@s", nameof(ImportStatus.Failed)),
                ("@e", failure ?? "The import stopped."),
                ("@at", Db.Ms(time.GetUtcNow())),
                ("@m", memberId),
                ("@id", id));
            return;
        }

        await Db.ExecuteAsync(
            connection,
            """
            UPDATE imports SET status = @s, error = NULL, content = '', total = @t, done = @t, phase = NULL, created = @c, merged = @mg,
                               skipped = @sk, invalid = @i, failed = @f, requests = @r, report = @rep, updated_at = @at
            WHERE member_id = @m AND id = @id
            """,
            cancellationToken,
            null,
            ("@s", nameof(ImportStatus.Done)),
            ("@t", outcome.Total),
            ("@c", outcome.Created),
            ("@mg", outcome.Merged),
            ("@sk", outcome.Skipped),
            ("@i", outcome.Invalid),
            ("@f", outcome.Failed),
            ("@r", outcome.Requests),
            ("@rep", Convert.ToBase64String(outcome.Report)),
            ("@at", Db.Ms(time.GetUtcNow())),
            ("@m", memberId),
            ("@id", id));
    }

    private static ImportRun Read(DbDataReader r, bool withContent) => new()
    {
        Id = Db.Text(r, "id")!,
        MemberId = Db.Text(r, "member_id")!,
        UserId = Db.Long(r, "user_id") ?? 0,
        UserName = Db.Text(r, "user_name")!,
        FileName = Db.Text(r, "file_name")!,
        Duplicates = Db.Text(r, "duplicates")!,
        Status = Enum.Parse<ImportStatus>(Db.Text(r, "status")!),
        Total = Db.Int(r, "total"),
        Done = Db.Int(r, "done"),
        Phase = Db.Text(r, "phase"),
        Created = Db.Int(r, "created"),
        Merged = Db.Int(r, "merged"),
        Skipped = Db.Int(r, "skipped"),
        Invalid = Db.Int(r, "invalid"),
        Failed = Db.Int(r, "failed"),
        Requests = Db.Int(r, "requests"),
        Error = Db.Text(r, "error"),
        Content = withContent ? Convert.FromBase64String(Db.Text(r, "content") ?? string.Empty) : [],
        Report = withContent ? Convert.FromBase64String(Db.Text(r, "report") ?? string.Empty) : [],
        CreatedAt = Db.Time(r, "created_at")!.Value,
        UpdatedAt = Db.Time(r, "updated_at")!.Value,
    };
}
