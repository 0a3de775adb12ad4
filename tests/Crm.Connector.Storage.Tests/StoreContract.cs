using System.Data.Common;
using Crm.Connector.Testing;

namespace Crm.Connector.Storage.Tests;

/// <summary>
/// The store as every engine must behave. Each engine class supplies a fresh, empty database per test; the tests open
/// it through <see cref="StoreFactory"/> like the app does, sometimes twice to play two app instances.
/// </summary>
public abstract partial class StoreContract : IAsyncLifetime
{
    private readonly List<IStore> _opened = [];

    protected FakeTimeProvider Time { get; } = new();

    protected string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The store under test, migrated.</summary>
    protected IStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await NewDatabaseAsync();
        Store = await OpenAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        await DropDatabaseAsync();
    }

    /// <summary>A connection string for an empty database of this engine.</summary>
    protected abstract Task<string> NewDatabaseAsync();

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    /// <summary>A plain connection to the same database, for looking at what the store wrote.</summary>
    protected abstract DbConnection RawConnection();

    /// <summary>Another store instance on the same database (another app process, as far as the database can tell), migrated.</summary>
    protected async Task<IStore> OpenAsync(bool migrate = true)
    {
        var store = StoreFactory.Create(new StoreOptions { ConnectionString = ConnectionString, TimeProvider = Time });
        _opened.Add(store);
        if (migrate)
        {
            await store.MigrateAsync();
        }

        return store;
    }

    protected async Task<object?> RawScalarAsync(string sql)
    {
        await using var connection = RawConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
