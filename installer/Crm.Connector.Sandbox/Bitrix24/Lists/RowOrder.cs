using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Lists;

/// <summary>The <c>order</c> of list methods: field → ASC|DESC, applied in the given sequence; ties by id ascending.</summary>
internal sealed class RowOrder : IComparer<JObject>
{
    private readonly IReadOnlyList<(string Field, bool Descending)> _keys;
    private readonly string _idField;

    private RowOrder(IReadOnlyList<(string Field, bool Descending)> keys, string idField)
    {
        _keys = keys;
        _idField = idField;
    }

    public IReadOnlyList<(string Field, bool Descending)> Keys => _keys;

    /// <summary>True when the first key is the id ascending: rows of a table kept by id need no sorting.</summary>
    public bool IsIdAscending => _keys.Count > 0 && _keys[0] is { Descending: false } first && string.Equals(first.Field, _idField, StringComparison.Ordinal);

    public static RowOrder Parse(JToken? order, Func<string, string?> resolve, string idField = "ID")
    {
        var keys = new List<(string, bool)>();
        if (order is JObject entries)
        {
            foreach (var (key, value) in entries)
            {
                if (resolve(key) is { } field)
                {
                    keys.Add((field, string.Equals(value?.ToString().Trim(), "DESC", StringComparison.OrdinalIgnoreCase)));
                }
            }
        }

        return new RowOrder(keys, idField);
    }

    public int Compare(JObject? x, JObject? y)
    {
        foreach (var (field, descending) in _keys)
        {
            var result = ValueComparison.Sort(x?[field], y?[field]);
            if (result != 0)
            {
                return descending ? -result : result;
            }
        }

        return ValueComparison.Sort(x?[_idField], y?[_idField]);
    }
}
