using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Crm.Connector.Storage.Sql;

/// <summary>
/// SQLite: one file, WAL journal (readers never wait for the writer), <c>synchronous=NORMAL</c> (a commit survives a
/// process crash; only an OS crash can lose the last ones), writes serialised by <c>BEGIN IMMEDIATE</c> with a busy
/// timeout — which is also what makes claims exclusive between processes sharing the file.
/// </summary>
internal sealed class SqliteDatabase : StoreDatabase
{
    private static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>
    {
        ["{ID}"] = "INTEGER PRIMARY KEY AUTOINCREMENT",
        ["{TEXT}"] = "TEXT",
        ["{BIGINT}"] = "INTEGER",
        ["{REAL}"] = "REAL",
    };

    private readonly string _connectionString;

    public SqliteDatabase(string connectionStringOrPath)
    {
        var builder = connectionStringOrPath.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionStringOrPath)
            : new SqliteConnectionStringBuilder { DataSource = connectionStringOrPath };
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = builder.ToString();
        Migrations = Schema.For(Types);
    }

    public override StoreEngine Engine => StoreEngine.Sqlite;

    public override string SkipLocked => string.Empty;

    public override IReadOnlyList<string> Migrations { get; }

    public override string Greatest(string a, string b) => $"MAX({a}, {b})";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
