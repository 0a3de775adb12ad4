namespace Crm.Connector.Storage.Tests;

public abstract partial class StoreContract
{
    [StoreFact]
    public async Task Migrate_FreshDatabase_ReachesTheLatestVersionAndIsIdempotent()
    {
        var version = await Store.SchemaVersionAsync();
        Assert.True(version >= 1, $"schema version {version}");

        await Store.MigrateAsync();

        Assert.Equal(version, await Store.SchemaVersionAsync());
        Assert.Equal(1L, Convert.ToInt64(await RawScalarAsync($"SELECT COUNT(*) FROM schema_version WHERE version = {version}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [StoreFact]
    public async Task Migrate_FourInstancesStartingAtOnce_OneOfThemMigratesAndNoneFails()
    {
        ConnectionString = await NewDatabaseAsync();
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenAsync(migrate: false)));
        Assert.Equal(0, await stores[0].SchemaVersionAsync());

        await Task.WhenAll(stores.Select(s => s.MigrateAsync()));

        var versions = await Task.WhenAll(stores.Select(s => s.SchemaVersionAsync()));
        Assert.All(versions, v => Assert.Equal(versions[0], v));
        Assert.Equal((long)versions[0], Convert.ToInt64(await RawScalarAsync("SELECT COUNT(*) FROM schema_version"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
