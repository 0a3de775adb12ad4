using System.Globalization;
using Crm.Connector.Limits;
using Crm.Connector.Storage.Sql;

namespace Crm.Connector.Storage.Budget;

/// <summary>
/// Portals' leaky buckets (bitrix24-rest.md §12.1) kept in the store, so that every instance of the app counts in the
/// same one: a row per portal holding the level as of <c>updated_at</c> (Unix ms), drained for the time since on every
/// use. One statement drains the bucket and counts a request only if it fits now — nothing is reserved ahead — so N
/// instances together send at most the burst at once and the drain rate after that; a 503 seen by any instance fills
/// the row, and every instance waits for the drain. Who goes when is each instance's <see cref="RequestPacer"/>'s
/// decision (<see cref="SqlRequestBudget"/>).
/// </summary>
internal sealed class SqlRequestBucket(StoreDatabase database, TimeProvider time) : IRequestBucket
{
    /// <summary>Slack for floating-point drain arithmetic, as in <see cref="LeakyBucket"/>.</summary>
    private const double Tolerance = 1e-6;

    public async ValueTask<BucketTake> TryTakeAsync(string portalKey, RateLimit limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var drained = Drained();
        await using var connection = await database.OpenAsync(cancellationToken);

        // The WHERE of the upsert leaves a full bucket untouched and returns no row: "not counted".
        var level = await Db.ScalarAsync(
            connection,
            $"""
            INSERT INTO request_budgets (portal_key, level, updated_at) VALUES (@key, 1, @now)
            ON CONFLICT (portal_key) DO UPDATE SET level = {drained} + 1, updated_at = {database.Greatest("request_budgets.updated_at", "@now")}
            WHERE {drained} + 1 <= @burst
            RETURNING level
            """,
            cancellationToken,
            null,
            ("@key", portalKey),
            ("@now", now),
            ("@drain", limit.DrainPerSecond),
            ("@burst", limit.Burst + Tolerance));
        if (level is not null)
        {
            return BucketTake.Taken(Convert.ToDouble(level, CultureInfo.InvariantCulture) - 1);
        }

        // Full: how full decides the wait (read after the fact; someone may have taken more since, and then the waiter
        // simply finds the bucket full again and waits once more).
        var current = await Db.ScalarAsync(connection, $"SELECT {drained} FROM request_budgets WHERE portal_key = @key", cancellationToken, null, ("@key", portalKey), ("@now", now), ("@drain", limit.DrainPerSecond));
        return BucketTake.Wait(limit, current is null ? limit.Burst : Convert.ToDouble(current, CultureInfo.InvariantCulture));
    }

    public async ValueTask FillAsync(string portalKey, RateLimit limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await Db.ExecuteAsync(
            connection,
            $"""
            INSERT INTO request_budgets (portal_key, level, updated_at) VALUES (@key, @burst, @now)
            ON CONFLICT (portal_key) DO UPDATE SET level = {database.Greatest(Drained(), "@burst")}, updated_at = {database.Greatest("request_budgets.updated_at", "@now")}
            """,
            cancellationToken,
            null,
            ("@key", portalKey),
            ("@now", now),
            ("@drain", limit.DrainPerSecond),
            ("@burst", (double)limit.Burst));
    }

    /// <summary>
    /// The row's level drained to <c>@now</c>. Instances' clocks differ a little: time never runs backwards here (a
    /// negative interval drains nothing, and <c>updated_at</c> only moves forward), so skew cannot add to the level.
    /// </summary>
    private string Drained() =>
        database.Greatest("0", $"request_budgets.level - {database.Greatest("0", "@now - request_budgets.updated_at")} / 1000.0 * @drain");
}
