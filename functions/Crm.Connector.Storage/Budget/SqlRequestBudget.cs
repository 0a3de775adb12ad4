using Crm.Connector.Bitrix24.Limits;
using Crm.Connector.Storage.Sql;

namespace Crm.Connector.Storage.Budget;

/// <summary>
/// A portal's leaky bucket (bitrix24-rest.md §12.1) shared by every process on the database. One statement both drains
/// the bucket for the time passed and reserves a place in it; the caller then waits for its reservation's turn, as the
/// in-process <see cref="LeakyBucket"/> does — so N instances together send at most Burst at once and DrainPerSecond
/// after that.
/// </summary>
internal sealed class SqlRequestBudget(StoreDatabase database, TimeProvider time) : IRequestBudget
{
    /// <summary>The limit each portal was last paced with here: a 503 always answers a request this process paced, so "full" means its burst.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RateLimit> _limits = new(StringComparer.Ordinal);

    public async ValueTask AcquireAsync(string portalKey, RateLimit limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        _limits[portalKey] = limit;
        var level = await ReserveAsync(portalKey, limit, 1, cancellationToken);
        var excess = level - limit.Burst;
        if (excess > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(excess / limit.DrainPerSecond), time, cancellationToken);
        }
    }

    public void ReportFull(string portalKey)
    {
        // Synchronous by its interface: marking the bucket full is best effort and must not block the caller's thread.
        _ = Task.Run(async () =>
        {
            try
            {
                await ReserveAsync(portalKey, _limits.GetValueOrDefault(portalKey, RateLimit.Standard), 0, CancellationToken.None, full: true);
            }
            catch (System.Data.Common.DbException)
            {
                // The next 503 tries again; pacing does not depend on this write.
            }
        });
    }

    private async Task<double> ReserveAsync(string portalKey, RateLimit limit, double add, CancellationToken cancellationToken, bool full = false)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var drained = database.Greatest("0", "request_budgets.level - (@now - request_budgets.updated_at) / 1000.0 * @drain");
        var next = full ? database.Greatest(drained, "@burst") : $"{drained} + @add";
        await using var connection = await database.OpenAsync(cancellationToken);
        var level = await Db.ScalarAsync(
            connection,
            $"""
            INSERT INTO request_budgets (portal_key, level, updated_at) VALUES (@key, @initial, @now)
            ON CONFLICT (portal_key) DO UPDATE SET level = {next}, updated_at = @now
            RETURNING level
            """,
            cancellationToken,
            null,
            ("@key", portalKey),
            ("@initial", full ? limit.Burst : add),
            ("@now", now),
            ("@drain", limit.DrainPerSecond),
            ("@burst", (double)limit.Burst),
            ("@add", add));
        return Convert.ToDouble(level, System.Globalization.CultureInfo.InvariantCulture);
    }
}
