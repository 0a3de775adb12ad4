using System.Collections.Concurrent;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Models;

namespace Crm.Connector.Functions.Bitrix24.Work;

/// <summary>
/// The ids a portal gave the items of its list fields, by field and item code (XML_ID): an item's value holds the id,
/// templates and rules speak in codes. Read with <c>crm.{entity}.userfield.list</c>.
/// </summary>
public sealed class PortalListItems
{
    public static readonly PortalListItems Empty = new([]);

    private readonly Dictionary<string, Dictionary<string, string>> _codeById;
    private readonly Dictionary<string, Dictionary<string, string>> _idByCode;

    public PortalListItems(IEnumerable<(string Entity, UserField Field)> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _codeById = new(StringComparer.Ordinal);
        _idByCode = new(StringComparer.Ordinal);
        foreach (var (entity, field) in fields)
        {
            var key = $"{entity}/{field.FieldName}";
            var items = (field.List ?? []).Where(i => i.Id is not null && !string.IsNullOrEmpty(i.XmlId)).ToList();
            _codeById[key] = items.ToDictionary(i => ItemMapper.Id(i.Id!.Value), i => i.XmlId!, StringComparer.Ordinal);
            _idByCode[key] = items.GroupBy(i => i.XmlId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => ItemMapper.Id(g.First().Id!.Value), StringComparer.Ordinal);
        }
    }

    /// <summary>The code of list item <paramref name="id"/> of a field, or null when the portal has no such item.</summary>
    public string? Code(string entity, string fieldName, string id) => _codeById.GetValueOrDefault($"{entity}/{fieldName}")?.GetValueOrDefault(id);

    /// <summary>The portal's id of the item with <paramref name="code"/>, or null.</summary>
    public string? Id(string entity, string fieldName, string code) => _idByCode.GetValueOrDefault($"{entity}/{fieldName}")?.GetValueOrDefault(code);
}

/// <summary>Each portal's list items, read once and kept for a few minutes (provisioning forgets them, as it may add items).</summary>
public sealed class PortalListItemsCache(TimeProvider time)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);
    private static readonly string[] Entities = ["deal", "lead", "contact"];
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, PortalListItems Items)> _cache = new(StringComparer.Ordinal);

    public async Task<PortalListItems> GetAsync(string memberId, Bitrix24Client client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (_cache.TryGetValue(memberId, out var cached) && cached.Until > time.GetUtcNow())
        {
            return cached.Items;
        }

        var fields = new List<(string, UserField)>();
        foreach (var entity in Entities)
        {
            var service = entity switch { "deal" => client.Crm.Deals, "lead" => client.Crm.Leads, _ => client.Crm.Contacts };
            fields.AddRange((await service.UserFields.ListAsync(cancellationToken: cancellationToken)).Where(f => f.List is { Count: > 0 }).Select(f => (entity, f)));
        }

        var items = new PortalListItems(fields);
        _cache[memberId] = (time.GetUtcNow() + KeepFor, items);
        return items;
    }

    public void Forget(string memberId) => _cache.TryRemove(memberId, out _);
}
