using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>
/// The items of one CRM entity, by id in a sorted dictionary: a keyset scan (<c>&gt;ID</c>, <c>ORDER ID ASC</c>) walks
/// them in order without sorting 10,000+ rows. Items are stored under their legacy UPPER_CASE names.
/// </summary>
internal sealed class ItemTable(EntityKind entity)
{
    public EntityKind Entity { get; } = entity;

    public SortedDictionary<int, JObject> Rows { get; } = [];

    public int LastId { get; private set; }

    public int NextId() => ++LastId;
}
