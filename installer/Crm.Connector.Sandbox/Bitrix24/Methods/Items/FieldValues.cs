using System.Globalization;
using System.Text.RegularExpressions;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Items;

/// <summary>
/// Turns written values into the stored form (bitrix24-rest.md §8 "Value formats"). Standard fields: ids as integers,
/// amounts as decimals, Y/N flags, <c>YYYY-MM-DD</c> dates, ISO-8601 date-times in the portal's zone. User fields:
/// boolean accepts 1/0/Y/N/true/false; enumeration takes an item ID (unknown → ERROR_CORE); money is <c>"100|RUB"</c>
/// (a bare number gets RUB — assumed); multiple fields are arrays (a single value is wrapped). Assumed where Bitrix24
/// would coerce silently: a value that cannot be read as the field's type is refused with ERROR_CORE, so client bugs
/// show up.
/// </summary>
internal static partial class FieldValues
{
    public static bool IsEmpty(JToken? value) => value is null || value.Type == JTokenType.Null ||
        (value.Type == JTokenType.String && string.IsNullOrEmpty((string?)value)) || value is JArray { Count: 0 };

    public static JToken Standard(FieldDefinition field, JToken value)
    {
        if (field.Kind == FieldKind.Multifield)
        {
            return Multifield(field, value);
        }

        if (value is JArray list)
        {
            value = list.FirstOrDefault() ?? JValue.CreateNull();
        }

        if (IsEmpty(value))
        {
            return JValue.CreateNull();
        }

        return field.Kind switch
        {
            FieldKind.Integer or FieldKind.CrmCategory or FieldKind.User or FieldKind.CrmContact or FieldKind.CrmCompany or FieldKind.CrmLead =>
                Params.AsInt(value) is { } number ? number : throw Invalid(field.Name, value, "an integer"),
            FieldKind.Double => Params.AsDecimal(value) is { } amount ? amount : throw Invalid(field.Name, value, "a number"),
            FieldKind.Char => Params.AsBool(value) is { } flag ? (flag ? "Y" : "N") : throw Invalid(field.Name, value, "Y or N"),
            FieldKind.Date => PortalTime.ParseDate(Params.AsString(value)) is { } date ? PortalTime.Date(date) : throw Invalid(field.Name, value, "a date YYYY-MM-DD"),
            FieldKind.DateTime => PortalTime.ParseDateTime(Params.AsString(value)) is { } instant ? PortalTime.Iso(instant) : throw Invalid(field.Name, value, "an ISO-8601 date-time"),
            _ => Params.AsString(value) ?? "",
        };
    }

    public static JToken User(UserField field, JToken value)
    {
        if (field.Multiple)
        {
            var items = value is JArray list ? list.ToList() : [value];
            return new JArray(items.Where(i => !IsEmpty(i)).Select(i => Single(field, i)));
        }

        if (value is JArray array)
        {
            value = array.FirstOrDefault() ?? JValue.CreateNull();
        }

        if (IsEmpty(value))
        {
            return field.UserTypeId == "boolean" ? false : JValue.CreateNull();
        }

        return Single(field, value);
    }

    /// <summary>The value a user field has when the item is created without it (boolean: its default, else false).</summary>
    public static JToken Default(UserField field)
    {
        if (field.Multiple)
        {
            return new JArray();
        }

        return field.UserTypeId == "boolean" ? Params.AsBool(field.Settings["DEFAULT_VALUE"]) ?? false : JValue.CreateNull();
    }

    private static JToken Single(UserField field, JToken value) => field.UserTypeId switch
    {
        "integer" => Params.AsDecimal(value) is { } number && number == decimal.Truncate(number) ? (long)number : throw Invalid(field.FieldName, value, "an integer"),
        "double" => Params.AsDecimal(value) is { } number ? (double)number : throw Invalid(field.FieldName, value, "a number"),
        "boolean" => Params.AsBool(value) is { } flag ? flag : throw Invalid(field.FieldName, value, "a boolean (1/0, Y/N, true/false)"),
        "date" => PortalTime.ParseDate(Params.AsString(value)) is { } date ? PortalTime.Date(date) : throw Invalid(field.FieldName, value, "a date YYYY-MM-DD"),
        "datetime" => PortalTime.ParseDateTime(Params.AsString(value)) is { } instant ? PortalTime.Iso(instant) : throw Invalid(field.FieldName, value, "an ISO-8601 date-time"),
        "money" => Money(field, value),
        "enumeration" => Choice(field, value),
        "employee" => Params.AsInt(value) is { } user ? user : throw Invalid(field.FieldName, value, "a user ID"),
        "file" => value.DeepClone(),
        _ => Params.AsString(value) ?? "",
    };

    private static string Money(UserField field, JToken value)
    {
        var text = Params.AsString(value)?.Trim() ?? "";
        if (MoneyValue().IsMatch(text))
        {
            return text;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return amount.ToString(CultureInfo.InvariantCulture) + "|RUB";
        }

        throw Invalid(field.FieldName, value, "money as \"amount|CURRENCY\", e.g. \"100|RUB\"");
    }

    /// <summary>§8: an enumeration value is the ID of one of the field's LIST items.</summary>
    private static int Choice(UserField field, JToken value)
    {
        var id = Params.AsInt(value);
        if (id is null || field.List.All(i => i.Id != id))
        {
            throw RestException.Core($"The value '{Params.AsString(value)}' is not a valid choice for field {field.FieldName}: pass the ID of one of its list items ({string.Join(", ", field.List.Select(i => i.Id))}).");
        }

        return id.Value;
    }

    private static JArray Multifield(FieldDefinition field, JToken value)
    {
        var items = value is JArray list ? list.ToList() : [value];
        var result = new JArray();
        foreach (var item in items.Where(i => !IsEmpty(i)))
        {
            var entry = item as JObject ?? new JObject { ["VALUE"] = Params.AsString(item) };
            result.Add(new JObject
            {
                ["ID"] = Params.Text(result.Count + 1),
                ["VALUE_TYPE"] = entry.String("VALUE_TYPE") ?? "WORK",
                ["VALUE"] = entry.String("VALUE") ?? "",
                ["TYPE_ID"] = field.Name,
            });
        }

        return result;
    }

    private static RestException Invalid(string field, JToken value, string expected) =>
        RestException.Core($"Field {field}: '{Params.AsString(value)}' is not {expected}.");

    [GeneratedRegex(@"^-?\d+(\.\d+)?\|[A-Z]{3}$")]
    private static partial Regex MoneyValue();
}
