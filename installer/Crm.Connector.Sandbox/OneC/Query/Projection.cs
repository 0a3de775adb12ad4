using System.Globalization;
using Crm.Connector.Sandbox.OneC.Core;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.OneC.Query;

/// <summary>
/// <c>$select</c>, <c>$orderby</c>, <c>$top</c>, <c>$skip</c> and <c>$inlinecount</c> of one collection read (§1.4).
/// Parsed before any row is touched, so a bad option is a 400 code 14 whatever the data.
/// </summary>
internal sealed class Projection
{
    private readonly HashSet<string>? _fields;
    private readonly Dictionary<string, HashSet<string>?> _tableParts = new(StringComparer.Ordinal);
    private readonly List<(string Field, FieldType Type, bool Descending)> _order = [];

    private Projection(EntitySchema schema, IReadOnlyDictionary<string, string> query)
    {
        if (query.TryGetValue("$select", out var select) && select.Length > 0)
        {
            _fields = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                AddSelect(schema, item);
            }
        }

        if (query.TryGetValue("$orderby", out var orderBy) && orderBy.Length > 0)
        {
            foreach (var item in orderBy.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = item.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length > 2 || (parts.Length == 2 && parts[1] is not ("asc" or "desc")) || !schema.Fields.TryGetValue(parts[0], out var type))
                {
                    throw ODataException.Query($"Неверный элемент $orderby: '{item}'");
                }

                _order.Add((parts[0], type, parts.Length == 2 && parts[1] == "desc"));
            }
        }

        Top = Count(query, "$top");
        Skip = Count(query, "$skip") ?? 0;
        if (query.TryGetValue("$inlinecount", out var inline))
        {
            InlineCount = inline switch
            {
                "allpages" => true,
                "none" => false,
                _ => throw ODataException.Query($"Неверное значение $inlinecount: '{inline}'"),
            };
        }
    }

    public int? Top { get; }

    public int Skip { get; }

    public bool InlineCount { get; }

    public static Projection Parse(EntitySchema schema, IReadOnlyDictionary<string, string> query) => new(schema, query);

    /// <summary>
    /// Orders and pages the matching rows. §1.4 / 17.4.6.2: with <c>$inlinecount=allpages</c> 1C ignores
    /// <c>$top</c>/<c>$skip</c> and returns every match — emulated as documented.
    /// </summary>
    public IEnumerable<JObject> Page(IEnumerable<JObject> rows)
    {
        IEnumerable<JObject> ordered = rows;
        if (_order.Count > 0)
        {
            IOrderedEnumerable<JObject>? sorted = null;
            foreach (var (field, type, descending) in _order)
            {
                Func<JObject, object?> key = e => Values.Read(e, field, type) is CompositeValue c ? c.Key : Values.Read(e, field, type);
                sorted = sorted is null
                    ? descending ? rows.OrderByDescending(key, Comparer.Instance) : rows.OrderBy(key, Comparer.Instance)
                    : descending ? sorted.ThenByDescending(key, Comparer.Instance) : sorted.ThenBy(key, Comparer.Instance);
            }

            ordered = sorted!;
        }

        if (InlineCount)
        {
            return ordered;
        }

        ordered = ordered.Skip(Skip);
        return Top is { } top ? ordered.Take(top) : ordered;
    }

    /// <summary>The entity cut to <c>$select</c>; table parts cut to their selected row properties.</summary>
    public JObject Select(JObject entity)
    {
        if (_fields is null)
        {
            return entity;
        }

        var result = new JObject();
        foreach (var property in entity.Properties())
        {
            if (_fields.Contains(property.Name))
            {
                result[property.Name] = property.Value.DeepClone();
            }
            else if (_tableParts.TryGetValue(property.Name, out var rowFields) && property.Value is JArray rows)
            {
                result[property.Name] = rowFields is null
                    ? rows.DeepClone()
                    : new JArray(rows.OfType<JObject>().Select(row => new JObject(row.Properties().Where(p => rowFields.Contains(p.Name)).Select(p => new JProperty(p.Name, p.Value.DeepClone())))));
            }
        }

        return result;
    }

    private void AddSelect(EntitySchema schema, string item)
    {
        switch (item)
        {
            case "*":
                _fields!.UnionWith(schema.Fields.Keys);
                foreach (var part in schema.TableParts.Keys)
                {
                    _tableParts[part] = null;
                }

                return;
            case "**":
                // §1.4: all header properties, no table parts.
                _fields!.UnionWith(schema.Fields.Keys);
                return;
        }

        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            if (schema.Fields.ContainsKey(item))
            {
                _fields!.Add(item);
            }
            else if (schema.TableParts.ContainsKey(item))
            {
                _tableParts[item] = null;
            }
            else
            {
                throw ODataException.Query($"Неизвестное свойство '{item}' в $select");
            }

            return;
        }

        var (tablePart, field) = (item[..slash], item[(slash + 1)..]);
        if (!schema.TableParts.TryGetValue(tablePart, out var rowSchema) || !rowSchema.ContainsKey(field))
        {
            throw ODataException.Query($"Неизвестное свойство '{item}' в $select");
        }

        if (!_tableParts.TryGetValue(tablePart, out var selected))
        {
            _tableParts[tablePart] = [field];
        }
        else
        {
            selected?.Add(field);
        }
    }

    private static int? Count(IReadOnlyDictionary<string, string> query, string name)
    {
        if (!query.TryGetValue(name, out var raw))
        {
            return null;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ODataException.Query($"Неверное значение {name}: '{raw}'");
    }

    /// <summary>
    /// Orders values of one property. GUIDs are compared by <see cref="Guid.CompareTo(Guid)"/>: 1C orders references by
    /// its internal bytes (UNCONFIRMED which order exactly); any stable total order keeps <c>$orderby=Ref_Key</c> paging
    /// correct, which is what clients rely on (§1.4).
    /// </summary>
    private sealed class Comparer : IComparer<object?>
    {
        public static readonly Comparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string a, string b) => string.Compare(a, b, StringComparison.Ordinal),
            (IComparable a, _) => a.CompareTo(y),
            _ => 0,
        };
    }
}
