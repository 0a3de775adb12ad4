using System.Globalization;
using Crm.Connector.Sandbox.OneC.Core;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.OneC.Query;

/// <summary>A composite-type attribute's value as read from an entity: the GUID and its <c>X_Type</c> (§1.3).</summary>
internal sealed record CompositeValue(Guid Key, string Type);

/// <summary>The result of <c>cast(guid'…', 'Catalog_X')</c>: a reference typed as <c>StandardODATA.Catalog_X</c>.</summary>
internal sealed record CastValue(Guid Key, string Type);

/// <summary>Reading stored properties as comparable values, and the wire forms of dates.</summary>
internal static class Values
{
    public const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss";

    public static string FormatDate(DateTime date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static bool TryParseDate(string? raw, out DateTime date) =>
        DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out date);

    /// <summary>The property as a value to compare: string, Guid, DateTime, decimal, bool, <see cref="CompositeValue"/> or null.</summary>
    public static object? Read(JObject entity, string field, FieldType type)
    {
        var token = entity[field];
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        return type switch
        {
            FieldType.Reference => Guid.TryParse(token.ToString(), out var key) ? key : Guid.Empty,
            FieldType.Date => TryParseDate(token.ToString(), out var date) ? date : DateTime.MinValue,
            FieldType.Number => token.Type is JTokenType.Integer or JTokenType.Float ? token.Value<decimal>() : decimal.TryParse(token.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : 0m,
            FieldType.Flag => token.Type == JTokenType.Boolean ? token.Value<bool>() : bool.TryParse(token.ToString(), out var flag) && flag,
            FieldType.Composite => new CompositeValue(Guid.TryParse(token.ToString(), out var composite) ? composite : Guid.Empty, entity.Value<string>(field + "_Type") ?? ""),
            _ => token.ToString(),
        };
    }
}
