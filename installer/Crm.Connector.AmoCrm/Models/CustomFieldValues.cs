using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>
/// The <c>custom_fields_values</c> of an entity write, built the way amoCRM accepts them (amocrm-api.md §4.4, §12.2):
/// list values by <c>enum_id</c> only (never by their text, which breaks on the first rename or typo), phones and
/// e-mails with an <c>enum_code</c>, dates as unix seconds, <c>values: null</c> to clear a field. One entry per field:
/// setting a field again replaces what was set. More than 40 fields on one entity are fine: the client writes the first
/// 40 with the entity and the rest in follow-up PATCHes.
/// </summary>
[JsonConverter(typeof(CustomFieldValuesConverter))]
public sealed class CustomFieldValues
{
    private readonly List<(long FieldId, JToken? Values)> _fields = [];

    /// <summary>Fields set (each one counts once against amoCRM's 40 per write).</summary>
    public int Count => _fields.Count;

    /// <summary>The field ids in the order they were set.</summary>
    public IEnumerable<long> FieldIds => _fields.Select(f => f.FieldId);

    /// <summary>text, textarea, url, streetaddress…; null clears.</summary>
    public CustomFieldValues Text(long fieldId, string? text) => text is null ? Clear(fieldId) : Set(fieldId, Value(text));

    /// <summary>numeric, monetary; null clears.</summary>
    public CustomFieldValues Number(long fieldId, decimal? number) => number is { } n ? Set(fieldId, Value(n)) : Clear(fieldId);

    /// <summary>checkbox; null clears.</summary>
    public CustomFieldValues Checkbox(long fieldId, bool? value) => value is { } b ? Set(fieldId, Value(b)) : Clear(fieldId);

    /// <summary>select, radiobutton: the item by its id; null clears.</summary>
    public CustomFieldValues Select(long fieldId, long? enumId) => enumId is { } id ? Set(fieldId, new JArray(new JObject { ["enum_id"] = id })) : Clear(fieldId);

    /// <summary>multiselect: the items by their ids; none clears.</summary>
    public CustomFieldValues MultiSelect(long fieldId, IEnumerable<long> enumIds)
    {
        ArgumentNullException.ThrowIfNull(enumIds);
        var items = new JArray(enumIds.Distinct().Select(id => new JObject { ["enum_id"] = id }));
        return items.Count == 0 ? Clear(fieldId) : Set(fieldId, items);
    }

    /// <summary>A phone (multitext PHONE) of kind <paramref name="enumCode"/> (WORK, MOB…); several calls add several numbers.</summary>
    public CustomFieldValues Phone(long fieldId, string phone, string enumCode = AmoEnumCodes.Work) => AddMultitext(fieldId, phone, enumCode);

    /// <summary>An e-mail (multitext EMAIL) of kind <paramref name="enumCode"/>; several calls add several addresses.</summary>
    public CustomFieldValues Email(long fieldId, string email, string enumCode = AmoEnumCodes.Work) => AddMultitext(fieldId, email, enumCode);

    /// <summary>date, birthday: midnight of <paramref name="date"/> in <paramref name="zone"/> (the account's; UTC when not given), as unix seconds; null clears.</summary>
    public CustomFieldValues Date(long fieldId, DateOnly? date, TimeZoneInfo? zone = null)
    {
        if (date is not { } day)
        {
            return Clear(fieldId);
        }

        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var offset = (zone ?? TimeZoneInfo.Utc).GetUtcOffset(midnight);
        return Set(fieldId, Value(new DateTimeOffset(midnight, offset).ToUnixTimeSeconds()));
    }

    /// <summary>date_time: the instant as unix seconds; null clears.</summary>
    public CustomFieldValues DateTime(long fieldId, DateTimeOffset? instant) =>
        instant is { } at ? Set(fieldId, Value(at.ToUnixTimeSeconds())) : Clear(fieldId);

    /// <summary>Any shape not covered above (an address object, a legal entity), value objects as amoCRM documents them.</summary>
    public CustomFieldValues Values(long fieldId, IEnumerable<AmoFieldValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Set(fieldId, new JArray(values.Select(v => JObject.FromObject(v, Transport.AmoJson.Serializer))));
    }

    /// <summary>Empties the field (<c>values: null</c>).</summary>
    public CustomFieldValues Clear(long fieldId) => Set(fieldId, null);

    /// <summary>The JSON array sent.</summary>
    public JArray ToJson() => new(_fields.Select(f => new JObject { ["field_id"] = f.FieldId, ["values"] = f.Values?.DeepClone() ?? JValue.CreateNull() }));

    private static JArray Value(JToken value) => new(new JObject { ["value"] = value });

    private CustomFieldValues AddMultitext(long fieldId, string text, string enumCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(enumCode);
        var index = _fields.FindIndex(f => f.FieldId == fieldId);
        var values = index >= 0 && _fields[index].Values is JArray existing ? existing : [];
        values.Add(new JObject { ["value"] = text, ["enum_code"] = enumCode });
        return Set(fieldId, values);
    }

    private CustomFieldValues Set(long fieldId, JToken? values)
    {
        var index = _fields.FindIndex(f => f.FieldId == fieldId);
        if (index >= 0)
        {
            _fields[index] = (fieldId, values);
        }
        else
        {
            _fields.Add((fieldId, values));
        }

        return this;
    }
}
