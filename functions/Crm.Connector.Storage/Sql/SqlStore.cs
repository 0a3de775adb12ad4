using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Limits;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Effects;
using Crm.Connector.Storage.Budget;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Storage.Jobs;
using Crm.Connector.Storage.Leases;
using Crm.Connector.Storage.Keys;
using Crm.Connector.Storage.Ledgers;
using Crm.Connector.Storage.Queues;
using Crm.Connector.Storage.Snapshots;
using Crm.Connector.Storage.Tokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Connector.Storage.Sql;

/// <summary>The store on one SQL engine: every repository over the same database.</summary>
internal sealed class SqlStore : IStore
{
    private readonly StoreDatabase _database;
    private readonly ServiceProvider? _protection;
    private readonly TimeProvider _time;
    private readonly SqlTokenStore _tokens;

    public SqlStore(StoreDatabase database, StoreOptions options)
    {
        _database = database;
        var time = options.TimeProvider;
        _time = time;
        var keys = new SqlXmlRepository(database);
        DataProtectionKeys = keys;
        IDataProtectionProvider provider;
        if (options.DataProtection is { } given)
        {
            provider = given;
        }
        else
        {
            // The key ring lives in the store itself, so every instance sharing the database shares the keys.
            var services = new ServiceCollection();
            services.AddDataProtection().SetApplicationName("crm-connector");
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = keys);
            _protection = services.BuildServiceProvider();
            provider = _protection.GetRequiredService<IDataProtectionProvider>();
        }

        var tokens = new SqlTokenStore(database, provider.CreateProtector("Crm.Connector.Storage.Tokens.v1"), options);
        Tokens = tokens;
        _tokens = tokens;
        Installations = new SqlInstallationRepository(database, tokens, time);
        Ledgers = new SqlLedgerStore(database, time);
        Snapshots = new SqlSnapshotRepository(database);
        Inbox = new SqlInbox(database, time);
        Jobs = new SqlJobRepository(database, time);
        Queues = new SqlQueueRepository(database, time);
        Audit = new SqlAuditLog(database);
        Outbox = new SqlOutbox(database, time);
        Leases = new SqlLeases(database, time);
        AmoTokens = new SqlAmoTokenRepository(database, provider.CreateProtector("Crm.Connector.Storage.AmoTokens.v1"), time, Leases);
        Counters = new Counters.SqlCounters(database);
        OneC = new OneC.SqlOneCStore(database, provider.CreateProtector("Crm.Connector.Storage.OneC.v1"), time);
        RequestBudget = new SqlRequestBudget(database, time);
        FileImports = new FileImports.SqlImportStore(database, time);
    }

    public StoreEngine Engine => _database.Engine;

    public IInstallationRepository Installations { get; }

    public ITokenStore Tokens { get; }

    public IAmoTokenRepository AmoTokens { get; }

    public OneC.IOneCStore OneC { get; }

    public ILedgerStore Ledgers { get; }

    public ISnapshotRepository Snapshots { get; }

    public IInbox Inbox { get; }

    public IJobRepository Jobs { get; }

    public IQueueRepository Queues { get; }

    public IAuditLog Audit { get; }

    public IOutbox Outbox { get; }

    public ILeases Leases { get; }

    public Counters.ICounters Counters { get; }

    public IRequestBudget RequestBudget { get; }

    public FileImports.IImportStore FileImports { get; }

    public IXmlRepository DataProtectionKeys { get; }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken);
        await _database.LockForMigrationAsync(connection, transaction, cancellationToken);
        await Db.ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at bigint NOT NULL)", cancellationToken, transaction);
        var current = Convert.ToInt32(await Db.ScalarAsync(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken, transaction), System.Globalization.CultureInfo.InvariantCulture);
        for (var version = current + 1; version <= _database.Migrations.Count; version++)
        {
            await Db.ExecuteAsync(connection, _database.Migrations[version - 1], cancellationToken, transaction);
            await Db.ExecuteAsync(connection, "INSERT INTO schema_version (version, applied_at) VALUES (@v, @at)", cancellationToken, transaction, ("@v", version), ("@at", _time.GetUtcNow().ToUnixTimeMilliseconds()));
        }

        await transaction.CommitAsync(cancellationToken);
        _tokens.EnsureKeys();
    }

    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        try
        {
            return Convert.ToInt32(await Db.ScalarAsync(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (System.Data.Common.DbException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_protection is not null)
        {
            await _protection.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
