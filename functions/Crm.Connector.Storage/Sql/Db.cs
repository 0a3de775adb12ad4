using System.Data.Common;

namespace Crm.Connector.Storage.Sql;

/// <summary>Small helpers over ADO.NET: commands with named parameters, and reading nullable columns.</summary>
internal static class Db
{
    public static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, DbTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, transaction, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken, DbTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, transaction, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    /// <summary>Reads every row with <paramref name="map"/>.</summary>
    public static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, DbTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, transaction, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static string? Text(DbDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public static long? Long(DbDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static int Int(DbDataReader reader, string column) => (int)(Long(reader, column) ?? 0);

    public static DateTimeOffset? Time(DbDataReader reader, string column) =>
        Long(reader, column) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static long? Ms(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    /// <summary>A stored JSON object; dates stay strings, as the CRM wrote them.</summary>
    public static Newtonsoft.Json.Linq.JObject Json(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return Newtonsoft.Json.Linq.JObject.Load(reader);
    }

    /// <summary><c>@p0, @p1…</c> and their parameters, for an <c>IN (…)</c> list.</summary>
    public static (string List, (string, object?)[] Parameters) InList<T>(IEnumerable<T> values, string prefix = "p")
    {
        var items = values.ToList();
        var names = items.Select((_, i) => $"@{prefix}{i}").ToList();
        return (string.Join(", ", names), [.. items.Select((v, i) => ($"@{prefix}{i}", (object?)v))]);
    }
}
