using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Rest;

/// <summary>
/// Reading REST parameters. Top-level parameter names are matched case-insensitively (PHP methods read
/// <c>id</c> and <c>ID</c> alike); values may arrive as JSON types or as strings from a query string.
/// </summary>
internal static class Params
{
    public static JToken? Get(this JObject parameters, string name) =>
        parameters.GetValue(name, StringComparison.OrdinalIgnoreCase) is { Type: not JTokenType.Null } value ? value : null;

    public static JObject? Object(this JObject parameters, string name) => parameters.Get(name) as JObject;

    public static string? String(this JObject parameters, string name) => AsString(parameters.Get(name));

    public static int? Int(this JObject parameters, string name) => AsInt(parameters.Get(name));

    public static bool Flag(this JObject parameters, string name) => AsBool(parameters.Get(name)) ?? false;

    public static string? AsString(JToken? token) => token switch
    {
        null => null,
        JValue { Type: JTokenType.Null } => null,
        JValue { Type: JTokenType.Boolean } value => (bool)value ? "Y" : "N",
        JValue value => Convert.ToString(value.Value, CultureInfo.InvariantCulture),
        _ => token.ToString(Newtonsoft.Json.Formatting.None),
    };

    public static int? AsInt(JToken? token)
    {
        switch (token)
        {
            case JValue { Type: JTokenType.Integer } value:
                return (int)(long)value;
            case JValue { Type: JTokenType.Float } value:
                var number = (double)value;
                return number == Math.Floor(number) ? (int)number : null;
            case JValue { Type: JTokenType.String } value:
                return int.TryParse((string?)value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            default:
                return null;
        }
    }

    public static decimal? AsDecimal(JToken? token) => token switch
    {
        JValue { Type: JTokenType.Integer or JTokenType.Float } value => Convert.ToDecimal(value.Value, CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.String } value when decimal.TryParse((string?)value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>Y/N, 1/0, true/false (any case) → bool; anything else → null.</summary>
    public static bool? AsBool(JToken? token)
    {
        if (token is JValue { Type: JTokenType.Boolean } boolean)
        {
            return (bool)boolean;
        }

        return AsString(token)?.Trim().ToUpperInvariant() switch
        {
            "Y" or "1" or "TRUE" => true,
            "N" or "0" or "FALSE" or "" => false,
            _ => null,
        };
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
