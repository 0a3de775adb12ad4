using System.Data.Common;
using Crm.Connector.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Crm.Connector.Storage.Tests;

/// <summary>The contract on SQLite: a file in a temp folder, as the local host uses it.</summary>
public sealed class SqliteStoreTests : StoreContract
{
    private readonly List<string> _directories = [];

    protected override Task<string> NewDatabaseAsync()
    {
        var directory = Directory.CreateTempSubdirectory("crmc-store-").FullName;
        _directories.Add(directory);
        return Task.FromResult(Path.Combine(directory, "store.db"));
    }

    protected override DbConnection RawConnection() => new SqliteConnection($"Data Source={ConnectionString}");

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var directory in _directories)
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The contract on PostgreSQL: a database of its own on a throwaway server.</summary>
[RequiresPostgres]
public sealed class PostgresStoreTests : StoreContract
{
    protected override async Task<string> NewDatabaseAsync() => await (await PostgresServer.GetAsync()).CreateDatabaseAsync();

    protected override DbConnection RawConnection() => new NpgsqlConnection(ConnectionString);
}
