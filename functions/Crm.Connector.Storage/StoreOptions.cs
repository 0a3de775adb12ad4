namespace Crm.Connector.Storage;

/// <summary>
/// How to reach the store. <see cref="ConnectionString"/> (configuration <c>ConnectionStrings:Store</c>, environment
/// <c>ConnectionStrings__Store</c>) picks the engine: a PostgreSQL connection string (<c>Host=…</c>) or URL
/// (<c>postgres://…</c>) means PostgreSQL; anything else is a SQLite file path or a SQLite connection string
/// (<c>Data Source=…</c>). Empty: SQLite at <see cref="DefaultSqlitePath"/>.
/// </summary>
public sealed record StoreOptions
{
    public const string ConnectionStringName = "Store";

    public string? ConnectionString { get; init; }

    /// <summary><c>~/.crm-connector/functions/store.db</c>.</summary>
    public static string DefaultSqlitePath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".crm-connector", "functions", "store.db");

    /// <summary>Time source for every timestamp the store writes and every "now" it compares with.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long a token refresh lease lasts before another process may take over a refresh that never finished.</summary>
    public TimeSpan RefreshLease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Protects tokens at rest; null = a protector from the store's own key ring (<see cref="IStore.DataProtectionKeys"/>).</summary>
    public Microsoft.AspNetCore.DataProtection.IDataProtectionProvider? DataProtection { get; init; }
}
