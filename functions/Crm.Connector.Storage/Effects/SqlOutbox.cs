using System.Data.Common;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Jobs;
using Crm.Connector.Storage.Leases;
using Crm.Connector.Storage.Snapshots;
using Crm.Connector.Storage.Sql;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Storage.Effects;

/// <summary>The effects table, and the one transaction that commits a claim's decisions with them.</summary>
internal sealed class SqlOutbox(StoreDatabase database, TimeProvider time) : IOutbox
{
    private const string Columns = "key, member_id, entity, item_id, action, cause, detail, commands, created_at, attempts, status, error";

    public async Task CommitAsync(WorkCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        if (commit.Fence is { } fence && !await SqlLeases.HoldAsync(connection, transaction, fence.Lease, fence.Owner, now, fence.Duration, cancellationToken))
        {
            throw new LeaseLostException($"The lease '{fence.Lease}' is no longer held by '{fence.Owner}'; its work was not committed.");
        }

        foreach (var snapshot in commit.Snapshots)
        {
            await SqlSnapshotRepository.SaveAsync(connection, transaction, snapshot, cancellationToken);
        }

        foreach (var (entity, itemId) in commit.Deleted)
        {
            await SqlSnapshotRepository.DeleteAsync(connection, transaction, commit.MemberId, entity, itemId, cancellationToken);
        }

        foreach (var effect in commit.Effects)
        {
            await Db.ExecuteAsync(
                connection,
                """
                INSERT INTO effects (key, member_id, entity, item_id, action, cause, detail, commands, created_at, attempts, status, visible_at)
                VALUES (@key, @m, @entity, @item, @action, @cause, @detail, @commands, @created, 0, 'Pending', @created)
                ON CONFLICT (key) DO NOTHING
                """,
                cancellationToken,
                transaction,
                ("@key", effect.Key),
                ("@m", effect.MemberId),
                ("@entity", effect.Entity),
                ("@item", effect.ItemId),
                ("@action", effect.Action),
                ("@cause", effect.Cause),
                ("@detail", effect.Detail.ToString(Formatting.None)),
                ("@commands", effect.Commands.ToString(Formatting.None)),
                ("@created", Db.Ms(effect.CreatedAt)));
        }

        foreach (var entry in commit.Audit)
        {
            await SqlAuditLog.InsertAsync(connection, transaction, entry, cancellationToken);
        }

        foreach (var prefix in commit.CancelJobs)
        {
            await SqlJobRepository.CancelAsync(connection, transaction, commit.MemberId, prefix, cancellationToken);
        }

        foreach (var job in commit.ScheduleJobs)
        {
            await SqlJobRepository.InsertAsync(connection, transaction, job, cancellationToken);
        }

        await SqlInbox.CompleteAsync(connection, transaction, commit.Completed, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Effect>> DueAsync(string memberId, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.QueryAsync(
            connection,
            $"SELECT {Columns} FROM effects WHERE member_id = @m AND status = 'Pending' AND visible_at <= @now ORDER BY created_at, key LIMIT @max",
            Read,
            cancellationToken,
            null,
            ("@m", memberId),
            ("@now", Db.Ms(time.GetUtcNow())),
            ("@max", max));
    }

    public async Task ConfirmAsync(IReadOnlyCollection<(Effect Effect, JObject Landed)> effects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(effects);
        if (effects.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        foreach (var (effect, landed) in effects)
        {
            // Only a pending effect is confirmed: one closed at uninstall, or confirmed by another path, stays as it is.
            if (await Db.ExecuteAsync(connection, "UPDATE effects SET status = 'Done', error = NULL WHERE key = @key AND status = 'Pending'", cancellationToken, transaction, ("@key", effect.Key)) == 1)
            {
                var detail = (JObject)effect.Detail.DeepClone();
                detail.Merge(landed);
                await SqlAuditLog.InsertAsync(connection, transaction, Entry(effect, effect.Action, effect.Cause, detail, now), cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RetryAsync(IReadOnlyCollection<Effect> effects, string failure, TimeSpan retryAfter, int maxAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(effects);
        ArgumentNullException.ThrowIfNull(failure);
        if (effects.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var error = failure.Length > 2000 ? failure[..2000] : failure;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        foreach (var effect in effects)
        {
            var failed = await Db.ExecuteAsync(
                connection,
                "UPDATE effects SET attempts = attempts + 1, error = @error, visible_at = @retry, status = CASE WHEN attempts + 1 >= @max THEN 'Failed' ELSE 'Pending' END WHERE key = @key AND status = 'Pending' AND attempts + 1 >= @max",
                cancellationToken,
                transaction,
                ("@error", error),
                ("@retry", Db.Ms(now + retryAfter)),
                ("@max", maxAttempts),
                ("@key", effect.Key)) == 1;
            if (failed)
            {
                // The audit says what did not happen and why, so a person can see it (the key stays the effect's).
                var detail = (JObject)effect.Detail.DeepClone();
                detail["error"] = error;
                await SqlAuditLog.InsertAsync(connection, transaction, Entry(effect, "failed:" + effect.Action, effect.Cause, detail, now), cancellationToken);
                continue;
            }

            await Db.ExecuteAsync(
                connection,
                "UPDATE effects SET attempts = attempts + 1, error = @error, visible_at = @retry WHERE key = @key AND status = 'Pending'",
                cancellationToken,
                transaction,
                ("@error", error),
                ("@retry", Db.Ms(now + retryAfter)),
                ("@key", effect.Key));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlySet<string>> KnownAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return known;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var (list, parameters) = Db.InList(chunk);
            known.UnionWith(await Db.QueryAsync(connection, $"SELECT key FROM effects WHERE key IN ({list}) UNION SELECT key FROM audit WHERE key IN ({list})", r => r.GetString(0), cancellationToken, null, parameters));
        }

        return known;
    }

    public async Task<IReadOnlyList<string>> PortalsWithDueAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.QueryAsync(connection, "SELECT DISTINCT member_id FROM effects WHERE status = 'Pending' AND visible_at <= @now ORDER BY member_id", r => r.GetString(0), cancellationToken, null, ("@now", Db.Ms(time.GetUtcNow())));
    }

    public async Task<int> CloseAsync(string memberId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.ExecuteAsync(
            connection,
            "UPDATE effects SET status = 'Failed', error = @reason WHERE member_id = @m AND status = 'Pending'",
            cancellationToken,
            null,
            ("@reason", reason.Length > 2000 ? reason[..2000] : reason),
            ("@m", memberId));
    }

    public async Task<Effect?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(connection, $"SELECT {Columns} FROM effects WHERE key = @key", Read, cancellationToken, null, ("@key", key));
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyDictionary<EffectStatus, int>> CountAsync(string? memberId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(
            connection,
            memberId is null ? "SELECT status, COUNT(*) FROM effects GROUP BY status" : "SELECT status, COUNT(*) FROM effects WHERE member_id = @m GROUP BY status",
            r => (Status: Enum.Parse<EffectStatus>(r.GetString(0)), Count: Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)),
            cancellationToken,
            null,
            memberId is null ? [] : [("@m", memberId)]);
        return rows.ToDictionary(r => r.Status, r => r.Count);
    }

    private static AuditEntry Entry(Effect effect, string action, string cause, JObject detail, DateTimeOffset at) => new()
    {
        MemberId = effect.MemberId,
        At = at,
        Entity = effect.Entity,
        ItemId = effect.ItemId,
        Action = action,
        Cause = cause,
        Detail = detail,
        Key = effect.Key,
    };

    private static Effect Read(DbDataReader r) => new()
    {
        Key = Db.Text(r, "key")!,
        MemberId = Db.Text(r, "member_id")!,
        Entity = Db.Text(r, "entity"),
        ItemId = Db.Long(r, "item_id"),
        Action = Db.Text(r, "action")!,
        Cause = Db.Text(r, "cause")!,
        Detail = Db.Json(Db.Text(r, "detail")),
        Commands = JArray.Parse(Db.Text(r, "commands") ?? "[]"),
        CreatedAt = Db.Time(r, "created_at")!.Value,
        Attempts = Db.Int(r, "attempts"),
        Status = Enum.Parse<EffectStatus>(Db.Text(r, "status")!),
        Error = Db.Text(r, "error"),
    };
}
