using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.OneC.Core;

/// <summary>The rows of one entity set in creation order, with a lookup by <c>Ref_Key</c>. Guarded by <see cref="InfoBase"/>'s gate.</summary>
internal sealed class EntityTable(EntitySchema schema)
{
    private readonly List<JObject> _rows = [];
    private readonly Dictionary<Guid, JObject> _byKey = [];

    public EntitySchema Schema { get; } = schema;

    public bool Published { get; set; } = true;

    /// <summary>The last Code/Number handed out (§1.5: 1C assigns them on create).</summary>
    public int LastNumber { get; set; }

    public IReadOnlyList<JObject> Rows => _rows;

    public JObject? Find(Guid key) => _byKey.GetValueOrDefault(key);

    public bool Add(Guid key, JObject row)
    {
        if (!_byKey.TryAdd(key, row))
        {
            return false;
        }

        _rows.Add(row);
        return true;
    }

    public bool Remove(Guid key)
    {
        if (!_byKey.Remove(key, out var row))
        {
            return false;
        }

        _rows.Remove(row);
        return true;
    }
}
