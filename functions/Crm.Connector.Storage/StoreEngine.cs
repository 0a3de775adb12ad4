namespace Crm.Connector.Storage;

/// <summary>The database behind an <see cref="IStore"/>.</summary>
public enum StoreEngine
{
    /// <summary>A SQLite file: the local default, one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: shared by every instance when the app is scaled out.</summary>
    PostgreSql,
}
