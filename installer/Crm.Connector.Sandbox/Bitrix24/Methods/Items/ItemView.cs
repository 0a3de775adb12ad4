using System.Globalization;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Items;

/// <summary>
/// How stored items are answered. Legacy methods (<c>crm.deal.*</c>) use UPPER_CASE names and strings for numbers
/// (<c>"ID":"12"</c>, <c>"OPPORTUNITY":"15000.00"</c>); UNCONFIRMED (§8, §17): boolean user fields come back as
/// <c>"1"</c>/<c>"0"</c>. crm.item.* uses camelCase names and typed values; boolean user fields are <c>"Y"</c>/<c>"N"</c>.
/// </summary>
internal static class ItemView
{
    public static JObject Legacy(JObject row, EntityKind entity, PortalState state, ItemSelect? select = null)
    {
        var json = new JObject();
        foreach (var field in entity.Fields)
        {
            if (select is null || select.Includes(field.Name, isUserField: false))
            {
                json[field.Name] = LegacyValue(field, row[field.Name]);
            }
        }

        foreach (var uf in state.UserFieldsOf(entity))
        {
            if (select is null || select.Includes(uf.FieldName, isUserField: true))
            {
                json[uf.FieldName] = LegacyUserValue(uf, row[uf.FieldName]);
            }
        }

        return json;
    }

    public static JObject Modern(JObject row, EntityKind entity, PortalState state, bool originalUfNames, ItemSelect? select = null)
    {
        var json = new JObject();
        foreach (var field in entity.Fields.Where(f => f.Camel is not null))
        {
            if (select is null || select.Includes(field.Camel!, isUserField: false))
            {
                json[field.Camel!] = ModernValue(field, row[field.Name]);
            }
        }

        foreach (var uf in state.UserFieldsOf(entity))
        {
            var name = originalUfNames ? uf.FieldName : UfNames.ToCamel(uf.FieldName);
            if (select is null || select.Includes(name, isUserField: true) || select.Includes(uf.FieldName, isUserField: true))
            {
                json[name] = ModernUserValue(uf, row[uf.FieldName]);
            }
        }

        return json;
    }

    private static JToken LegacyValue(FieldDefinition field, JToken? value) => value switch
    {
        null or { Type: JTokenType.Null } => JValue.CreateNull(),
        JValue { Type: JTokenType.Float or JTokenType.Integer } number when field.Kind == FieldKind.Double =>
            Convert.ToDecimal(number.Value, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.Integer } number => Params.AsString(number)!,
        _ => value.DeepClone(),
    };

    private static JToken ModernValue(FieldDefinition field, JToken? value) => value switch
    {
        null or { Type: JTokenType.Null } => JValue.CreateNull(),
        JValue { Type: JTokenType.Float or JTokenType.Integer } number when field.Kind == FieldKind.Double =>
            Convert.ToDouble(number.Value, CultureInfo.InvariantCulture),
        _ => value.DeepClone(),
    };

    private static JToken LegacyUserValue(UserField field, JToken? value) => value switch
    {
        null or { Type: JTokenType.Null } => field.Multiple ? new JArray() : JValue.CreateNull(),
        JArray items => new JArray(items.Select(i => LegacyScalar(field, i))),
        _ => LegacyScalar(field, value),
    };

    private static JToken LegacyScalar(UserField field, JToken value) => value switch
    {
        JValue { Type: JTokenType.Boolean } flag => (bool)flag ? "1" : "0",
        JValue { Type: JTokenType.Integer or JTokenType.Float } number when field.UserTypeId != "file" => Params.AsString(number)!,
        _ => value.DeepClone(),
    };

    private static JToken ModernUserValue(UserField field, JToken? value) => value switch
    {
        null or { Type: JTokenType.Null } => field.Multiple ? new JArray() : JValue.CreateNull(),
        JArray items => new JArray(items.Select(ModernScalar)),
        _ => ModernScalar(value),
    };

    private static JToken ModernScalar(JToken value) => value switch
    {
        JValue { Type: JTokenType.Boolean } flag => (bool)flag ? "Y" : "N",
        _ => value.DeepClone(),
    };
}
