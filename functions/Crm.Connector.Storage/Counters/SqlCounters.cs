using Crm.Connector.Storage.Sql;

namespace Crm.Connector.Storage.Counters;

/// <summary>The counters table; an advance is one upsert that returns the new value (both engines support RETURNING).</summary>
internal sealed class SqlCounters(StoreDatabase database) : ICounters
{
    public async Task<long> AdvanceAsync(string memberId, string name, long by, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(by);
        await using var connection = await database.OpenAsync(cancellationToken);
        var value = await Db.ScalarAsync(
            connection,
            """
            INSERT INTO counters (member_id, name, value) VALUES (@m, @n, @by)
            ON CONFLICT (member_id, name) DO UPDATE SET value = counters.value + @by
            RETURNING value
            """,
            cancellationToken,
            null,
            ("@m", memberId),
            ("@n", name),
            ("@by", by));
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) - by;
    }
}
