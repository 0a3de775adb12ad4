using System.Globalization;
using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Records;

/// <summary>
/// <c>custom_fields_values</c> of a lead, contact or company (amocrm-api.md §4.4), validated the way users meet it:
/// <list type="bullet">
/// <item>the field by <c>field_id</c> or <c>field_code</c>, of this entity (else <c>NotSupportedChoice</c>);</item>
/// <item>select, multiselect, radiobutton: <c>enum_id</c> of the field, or <c>value</c> equal to an enum's text —
/// other text is <c>NotSupportedChoice</c> at <c>custom_fields_values.N.values.M.value</c>;</item>
/// <item><c>enum_code</c> only on multitext (PHONE/EMAIL, default WORK), <c>enum</c> never: <c>FieldNotExpected</c>;</item>
/// <item>numeric takes numbers (or numeric text), checkbox booleans, dates unix seconds or RFC 3339 (kept as seconds);</item>
/// <item><c>"values": null</c> clears the field; more than 40 values on one record is refused (§6.1 complex add limit,
/// applied to every write — UNCONFIRMED).</item>
/// </list>
/// </summary>
internal static class FieldValues
{
    public const int MaxValuesPerRecord = 40;

    /// <summary>The values sent (null list = clear that field); null when the key is absent.</summary>
    public static List<FieldValue>? Read(ApiCall call, EntityKind kind, FieldReader reader)
    {
        if (!reader.Has("custom_fields_values") || reader.Item["custom_fields_values"]!.Type == JTokenType.Null)
        {
            return null;
        }

        if (reader.Array("custom_fields_values") is not { } list)
        {
            return null;
        }

        var result = new List<FieldValue>();
        var total = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"custom_fields_values.{FieldReader.Index(i)}";
            if (list[i] is not JObject entry)
            {
                reader.Error("InvalidType", path, "This value should be of type object.");
                continue;
            }

            var nested = reader.Nested(entry, path);
            var field = FindField(call, kind, nested);
            if (field is null)
            {
                continue;
            }

            if (entry["values"] is null || entry["values"]!.Type == JTokenType.Null)
            {
                result.Add(new FieldValue(field.Id, []));
                continue;
            }

            if (nested.Array("values") is not { } values)
            {
                continue;
            }

            total += values.Count;
            var parsed = new List<JObject>();
            for (var j = 0; j < values.Count; j++)
            {
                if (values[j] is not JObject value)
                {
                    nested.Error("InvalidType", $"values.{FieldReader.Index(j)}", "This value should be of type object.");
                    continue;
                }

                if (Value(field, nested.Nested(value, $"values.{FieldReader.Index(j)}")) is { } normalized)
                {
                    parsed.Add(normalized);
                }
            }

            if (field.Type is "select" or "radiobutton" && parsed.Count > 1)
            {
                nested.Error("InvalidCount", "values", $"A {field.Type} field holds one value.");
            }

            result.Add(new FieldValue(field.Id, parsed));
        }

        if (total > MaxValuesPerRecord)
        {
            reader.Error("InvalidCount", "custom_fields_values", $"At most {MaxValuesPerRecord} custom field values per entity.");
        }

        return result;
    }

    /// <summary>Merges written values into a record's: written fields replace, empty lists clear.</summary>
    public static List<FieldValue> Merge(IReadOnlyList<FieldValue> current, IReadOnlyList<FieldValue> written)
    {
        var byField = current.ToDictionary(v => v.FieldId);
        foreach (var value in written)
        {
            byField[value.FieldId] = value;
        }

        return [.. byField.Values.Where(v => v.Values.Count > 0).OrderBy(v => v.FieldId)];
    }

    private static CustomField? FindField(ApiCall call, EntityKind kind, FieldReader reader)
    {
        if (reader.Has("field_id"))
        {
            var id = reader.Long("field_id");
            if (id is null)
            {
                return null;
            }

            if (call.State.Fields.TryGetValue(id.Value, out var byId) && byId.Entity == kind)
            {
                return byId;
            }

            reader.Error("NotSupportedChoice", "field_id", $"No such field of {kind.Plural()}.");
            return null;
        }

        var code = reader.String("field_code");
        if (code is null)
        {
            reader.Error("FieldMissing", "field_id", "Give field_id or field_code.");
            return null;
        }

        var byCode = call.State.FieldsOf(kind).FirstOrDefault(f => string.Equals(f.Code, code, StringComparison.OrdinalIgnoreCase));
        if (byCode is null)
        {
            reader.Error("NotSupportedChoice", "field_code", $"No field of {kind.Plural()} has the code '{code}'.");
        }

        return byCode;
    }

    private static JObject? Value(CustomField field, FieldReader reader)
    {
        var item = reader.Item;
        if (item.ContainsKey("enum"))
        {
            reader.Error("FieldNotExpected", "enum", "This field was not expected.");
            return null;
        }

        if (item.ContainsKey("enum_code") && field.Type != "multitext")
        {
            reader.Error("FieldNotExpected", "enum_code", "This field was not expected.");
            return null;
        }

        if (FieldTypes.IsChoice(field.Type))
        {
            return Choice(field, reader);
        }

        if (item.ContainsKey("enum_id") && field.Type != "multitext")
        {
            reader.Error("FieldNotExpected", "enum_id", "This field was not expected.");
            return null;
        }

        if (field.Type == "multitext")
        {
            return Multitext(field, reader);
        }

        var value = item["value"];
        if (value is null || value.Type == JTokenType.Null)
        {
            reader.Error("FieldMissing", "value", "This field is missing.");
            return null;
        }

        var normalized = field.Type switch
        {
            "numeric" or "monetary" => Numeric(value),
            "checkbox" => value.Type == JTokenType.Boolean ? value : null,
            "date" or "date_time" or "birthday" => Date(value),
            "text" or "textarea" or "url" or "streetaddress" or "org_legal_name" => value.Type is JTokenType.String or JTokenType.Integer or JTokenType.Float
                ? new JValue(Convert.ToString(((JValue)value).Value, CultureInfo.InvariantCulture))
                : null,
            _ => value.DeepClone(),
        };
        if (normalized is null)
        {
            reader.Error("InvalidType", "value", $"This value is not valid for a {field.Type} field.");
            return null;
        }

        return new JObject { ["value"] = normalized };
    }

    private static JObject? Choice(CustomField field, FieldReader reader)
    {
        FieldEnum? choice = null;
        if (reader.Has("enum_id"))
        {
            var id = reader.Long("enum_id");
            choice = id is null ? null : field.Enums.Find(e => e.Id == id);
            if (id is not null && choice is null)
            {
                reader.Error("NotSupportedChoice", "enum_id", "No such enum in this field.");
            }
        }
        else if (reader.String("value", required: true) is { } text)
        {
            choice = field.Enums.Find(e => e.Value == text);
            if (choice is null)
            {
                reader.Error("NotSupportedChoice", "value", $"'{text}' is not a choice of this field.");
            }
        }

        return choice is null ? null : new JObject { ["value"] = choice.Value, ["enum_id"] = choice.Id, ["enum_code"] = choice.Code };
    }

    private static JObject? Multitext(CustomField field, FieldReader reader)
    {
        var text = reader.String("value", required: true);
        FieldEnum? choice;
        if (reader.Has("enum_id"))
        {
            var id = reader.Long("enum_id");
            choice = field.Enums.Find(e => e.Id == id);
        }
        else if (reader.String("enum_code") is { } code)
        {
            choice = field.Enums.Find(e => string.Equals(e.Code, code, StringComparison.Ordinal));
        }
        else
        {
            choice = field.Enums.OrderBy(e => e.Sort).FirstOrDefault();
        }

        if (choice is null)
        {
            reader.Error("NotSupportedChoice", reader.Has("enum_id") ? "enum_id" : "enum_code", "No such enum in this field.");
            return null;
        }

        return text is null ? null : new JObject { ["value"] = text, ["enum_id"] = choice.Id, ["enum_code"] = choice.Code };
    }

    private static JToken? Numeric(JToken value) => value.Type switch
    {
        JTokenType.Integer or JTokenType.Float => value.DeepClone(),
        JTokenType.String when decimal.TryParse((string?)value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) => value.DeepClone(),
        _ => null,
    };

    private static JToken? Date(JToken value) => value.Type switch
    {
        JTokenType.Integer => value.DeepClone(),
        JTokenType.String when DateTimeOffset.TryParse((string?)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => new JValue(parsed.ToUnixTimeSeconds()),
        _ => null,
    };
}
