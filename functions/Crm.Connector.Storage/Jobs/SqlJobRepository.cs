using System.Data.Common;
using Crm.Connector.Storage.Sql;
using Newtonsoft.Json;

namespace Crm.Connector.Storage.Jobs;

/// <summary>Scheduled jobs; a claim sets a lease in the same statement that picks the job (<c>SKIP LOCKED</c> on PostgreSQL).</summary>
internal sealed class SqlJobRepository(StoreDatabase database, TimeProvider time) : IJobRepository
{
    private const string Columns = "id, key, member_id, kind, due_at, payload, attempts, status, error";

    public async Task<long> ScheduleAsync(ScheduledJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await database.OpenAsync(cancellationToken);
        await InsertAsync(connection, null, job, cancellationToken);
        return Convert.ToInt64(await Db.ScalarAsync(connection, "SELECT id FROM jobs WHERE key = @key", cancellationToken, null, ("@key", job.Key)), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Schedules a job inside the caller's transaction (a key already scheduled is kept as it is).</summary>
    internal static Task<int> InsertAsync(DbConnection connection, DbTransaction? transaction, ScheduledJob job, CancellationToken cancellationToken) =>
        Db.ExecuteAsync(
            connection,
            """
            INSERT INTO jobs (key, member_id, kind, due_at, payload, attempts, status) VALUES (@key, @m, @kind, @due, @payload, 0, 'Scheduled')
            ON CONFLICT (key) DO NOTHING
            """,
            cancellationToken,
            transaction,
            ("@key", job.Key),
            ("@m", job.MemberId),
            ("@kind", job.Kind),
            ("@due", Db.Ms(job.DueAt)),
            ("@payload", job.Payload.ToString(Formatting.None)));

    public Task<IReadOnlyList<ScheduledJob>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default) =>
        ClaimDueAsync(now, max, lease, null, cancellationToken);

    public async Task<IReadOnlyList<ScheduledJob>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, IReadOnlyCollection<string>? kinds, CancellationToken cancellationToken = default)
    {
        if (kinds is { Count: 0 })
        {
            return [];
        }

        var (list, kindParameters) = Db.InList(kinds ?? [], "k");
        var only = kinds is null ? string.Empty : $"AND kind IN ({list})";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(
            connection,
            $"""
            UPDATE jobs SET lease_until = @until, attempts = attempts + 1
            WHERE id IN (SELECT id FROM jobs WHERE status = 'Scheduled' AND due_at <= @now AND (lease_until IS NULL OR lease_until <= @clock) {only}
                         ORDER BY due_at, id LIMIT @max {database.SkipLocked})
            RETURNING {Columns}
            """,
            Read,
            cancellationToken,
            null,
            [("@until", Db.Ms(time.GetUtcNow() + lease)), ("@now", Db.Ms(now)), ("@clock", Db.Ms(time.GetUtcNow())), ("@max", max), .. kindParameters]);
        return [.. rows.OrderBy(j => j.DueAt).ThenBy(j => j.Id)];
    }

    public Task CompleteAsync(long id, CancellationToken cancellationToken = default) =>
        UpdateAsync("UPDATE jobs SET status = 'Done', lease_until = NULL, error = NULL WHERE id = @id", cancellationToken, ("@id", id));

    public Task RetryAsync(long id, string failure, DateTimeOffset retryAt, int maxAttempts, CancellationToken cancellationToken = default) =>
        UpdateAsync(
            "UPDATE jobs SET status = CASE WHEN attempts >= @max THEN 'Failed' ELSE 'Scheduled' END, due_at = @retry, lease_until = NULL, error = @error WHERE id = @id",
            cancellationToken,
            ("@max", maxAttempts),
            ("@retry", Db.Ms(retryAt)),
            ("@error", failure.Length > 2000 ? failure[..2000] : failure),
            ("@id", id));

    public async Task<int> CancelAsync(string memberId, string keyPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await CancelAsync(connection, null, memberId, keyPrefix, cancellationToken);
    }

    /// <summary>Cancels the portal's scheduled jobs whose key starts with <paramref name="keyPrefix"/>, inside the caller's transaction.</summary>
    internal static Task<int> CancelAsync(DbConnection connection, DbTransaction? transaction, string memberId, string keyPrefix, CancellationToken cancellationToken) =>
        // A prefix match without LIKE, so '%' and '_' in keys mean themselves.
        Db.ExecuteAsync(
            connection,
            "UPDATE jobs SET status = 'Cancelled', lease_until = NULL WHERE member_id = @m AND status = 'Scheduled' AND SUBSTR(key, 1, @length) = @prefix",
            cancellationToken,
            transaction,
            ("@m", memberId),
            ("@length", keyPrefix.Length),
            ("@prefix", keyPrefix));

    public async Task<ScheduledJob?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        await FindOneAsync("id = @v", id, cancellationToken);

    public async Task<ScheduledJob?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        await FindOneAsync("key = @v", key, cancellationToken);

    private async Task<ScheduledJob?> FindOneAsync(string where, object value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(connection, $"SELECT {Columns} FROM jobs WHERE {where}", Read, cancellationToken, null, ("@v", value));
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task UpdateAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await Db.ExecuteAsync(connection, sql, cancellationToken, null, parameters);
    }

    private static ScheduledJob Read(DbDataReader r) => new()
    {
        Id = Db.Long(r, "id")!.Value,
        Key = Db.Text(r, "key")!,
        MemberId = Db.Text(r, "member_id")!,
        Kind = Db.Text(r, "kind")!,
        DueAt = Db.Time(r, "due_at")!.Value,
        Payload = Db.Json(Db.Text(r, "payload")),
        Attempts = Db.Int(r, "attempts"),
        Status = Enum.Parse<JobStatus>(Db.Text(r, "status")!),
        Error = Db.Text(r, "error"),
    };
}
