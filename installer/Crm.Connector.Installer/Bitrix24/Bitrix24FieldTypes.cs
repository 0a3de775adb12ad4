using Crm.Connector.Templates.Model;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Installer.Bitrix24;

/// <summary>Template field types ↔ Bitrix24 user field types and settings (bitrix24-rest.md §7).</summary>
public static class Bitrix24FieldTypes
{
    /// <summary>The USER_TYPE_ID and SETTINGS for a template type.</summary>
    public static (string UserTypeId, JObject? Settings) ToBitrix(FieldType type) => type switch
    {
        FieldType.String => ("string", null),
        FieldType.Text => ("string", new JObject { ["ROWS"] = 4 }),
        FieldType.Integer => ("integer", null),
        FieldType.Number => ("double", new JObject { ["PRECISION"] = 2 }),
        FieldType.Money => ("money", null),
        FieldType.Boolean => ("boolean", new JObject { ["DISPLAY"] = "CHECKBOX" }),
        FieldType.Date or FieldType.Birthday => ("date", null),
        FieldType.DateTime => ("datetime", null),
        FieldType.List or FieldType.MultiList => ("enumeration", new JObject { ["DISPLAY"] = "LIST" }),
        FieldType.User => ("employee", null),
        FieldType.File => ("file", null),
        FieldType.Url => ("url", null),
        FieldType.Address => ("address", null),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The template type of a portal field, or null when none fits (crm links, iblock elements…).</summary>
    public static FieldType? FromBitrix(string userTypeId, bool multiple, JToken? settings) => userTypeId switch
    {
        "string" => (settings?["ROWS"]?.Value<int?>() ?? 1) > 1 ? FieldType.Text : FieldType.String,
        "integer" => FieldType.Integer,
        "double" => FieldType.Number,
        "money" => FieldType.Money,
        "boolean" => FieldType.Boolean,
        "date" => FieldType.Date,
        "datetime" => FieldType.DateTime,
        "enumeration" => multiple ? FieldType.MultiList : FieldType.List,
        "employee" => FieldType.User,
        "file" => FieldType.File,
        "url" => FieldType.Url,
        "address" => FieldType.Address,
        _ => null,
    };

    /// <summary>Whether the portal field holds several values for a template field of <paramref name="type"/>.</summary>
    public static bool Multiple(FieldType type, bool multiple) => type == FieldType.MultiList || (multiple && type is not (FieldType.List or FieldType.Boolean));
}
