using Crm.Connector.Storage.Sql;

namespace Crm.Connector.Storage;

/// <summary>Opens the store <see cref="StoreOptions.ConnectionString"/> names (not yet migrated: call <see cref="IStore.MigrateAsync"/>).</summary>
public static class StoreFactory
{
    public static IStore Create(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = options.ConnectionString?.Trim();
        StoreDatabase database = string.IsNullOrEmpty(connection) ? new SqliteDatabase(StoreOptions.DefaultSqlitePath)
            : IsPostgres(connection) ? new PostgresDatabase(connection)
            : new SqliteDatabase(connection);
        return new SqlStore(database, options);
    }

    /// <summary>A PostgreSQL connection string (<c>Host=…</c>) or URL (<c>postgres://</c>, <c>postgresql://</c>).</summary>
    public static bool IsPostgres(string connectionString) =>
        connectionString.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || connectionString.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || connectionString.Split(';').Any(part => part.Trim().StartsWith("Host=", StringComparison.OrdinalIgnoreCase) || part.Trim().StartsWith("Server=", StringComparison.OrdinalIgnoreCase));
}
