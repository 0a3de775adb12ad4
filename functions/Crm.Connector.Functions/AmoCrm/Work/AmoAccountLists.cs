using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Models;

namespace Crm.Connector.Functions.AmoCrm.Work;

/// <summary>
/// The account's custom fields as <c>GET /api/v4/{entity}/custom_fields</c> lists them: each field's id by its code, and
/// each list field's items (enums) by id and by value. amoCRM list items have no code of their own (amocrm-api.md §4.2:
/// <c>enums</c> are <c>{id, value, sort}</c>), so a template item is found by its name among the values — for the items
/// the provisioning ledger did not record (adopted fields, items an admin added).
/// </summary>
public sealed class AmoAccountLists
{
    public static readonly AmoAccountLists Empty = new([]);

    private readonly Dictionary<long, Dictionary<long, string>> _valueById = [];
    private readonly Dictionary<long, Dictionary<string, long>> _idByValue = [];
    private readonly Dictionary<(AmoEntityType, string), long> _fieldByCode = [];

    public AmoAccountLists(IEnumerable<(AmoEntityType Entity, AmoCustomField Field)> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var (entity, field) in fields)
        {
            if (field.Code is { Length: > 0 } code)
            {
                _fieldByCode.TryAdd((entity, code), field.Id);
            }

            var enums = (field.Enums ?? []).Where(e => e.Id is not null).ToList();
            if (enums.Count == 0)
            {
                continue;
            }

            _valueById[field.Id] = enums.ToDictionary(e => e.Id!.Value, e => e.Value);
            _idByValue[field.Id] = enums.GroupBy(e => e.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id!.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>The text of item <paramref name="enumId"/> of field <paramref name="fieldId"/>, or null.</summary>
    public string? Value(long fieldId, long enumId) => _valueById.GetValueOrDefault(fieldId)?.GetValueOrDefault(enumId);

    /// <summary>The id of the item of field <paramref name="fieldId"/> whose text is exactly <paramref name="value"/>, or null.</summary>
    public long? EnumId(long fieldId, string value) =>
        _idByValue.GetValueOrDefault(fieldId) is { } items && items.TryGetValue(value, out var id) ? id : null;

    /// <summary>The id of the field with <paramref name="code"/> on <paramref name="entity"/> (the installer creates fields under their template code).</summary>
    public long? FieldId(AmoEntityType entity, string code) => _fieldByCode.TryGetValue((entity, code), out var id) ? id : null;
}
