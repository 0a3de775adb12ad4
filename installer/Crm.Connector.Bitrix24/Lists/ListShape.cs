using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Lists;

/// <summary>
/// Where a list method puts its rows and what its id field is called: legacy methods (<c>crm.deal.list</c>) return an
/// array of rows keyed <c>ID</c>; <c>crm.item.list</c> returns <c>{"items": [...]}</c> keyed <c>id</c>
/// (bitrix24-rest.md §11; the case matters).
/// </summary>
public sealed record ListShape(string IdField, string? ItemsProperty)
{
    /// <summary>Rows per page; fixed by the portal.</summary>
    public const int PageSize = 50;

    /// <summary><c>crm.deal.list</c>, <c>crm.lead.list</c>, <c>crm.status.list</c>, <c>crm.deal.userfield.list</c>…</summary>
    public static readonly ListShape Legacy = new("ID", null);

    /// <summary><c>crm.item.list</c>.</summary>
    public static readonly ListShape Item = new("id", "items");

    /// <summary>The rows of one page.</summary>
    public IReadOnlyList<JObject> Rows(JToken? result) =>
        (ItemsProperty is null ? result : result?[ItemsProperty]) is JArray rows ? [.. rows.OfType<JObject>()] : [];

    /// <summary>The id of a row, as a number.</summary>
    public long IdOf(JObject row) =>
        long.Parse(row[IdField]?.ToString() ?? throw new InvalidOperationException($"A row has no {IdField}."), NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>The batch reference to the last id of a full page returned by command <paramref name="key"/>.</summary>
    public string LastIdReference(string key) =>
        ItemsProperty is null ? $"$result[{key}][{PageSize - 1}][{IdField}]" : $"$result[{key}][{ItemsProperty}][{PageSize - 1}][{IdField}]";
}
