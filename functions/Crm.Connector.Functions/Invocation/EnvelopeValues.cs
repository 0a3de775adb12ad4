using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Invocation;

/// <summary>
/// Reading values the way the host writes them (§4.2): a string input arrives as a JSON string whose content is the JSON
/// text of the value (<c>"\"hello\""</c>); numbers and booleans as their JSON text in a string (<c>"1"</c>). The docs'
/// samples show the plain forms, so both are accepted.
/// </summary>
public static class EnvelopeValues
{
    /// <summary>
    /// A string input: decoded once more when it is itself a JSON string literal (starts with a quote and parses as
    /// one), else taken as it is.
    /// </summary>
    public static string? ReadString(JToken? token)
    {
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        var text = token.Type == JTokenType.String ? token.Value<string>()! : token.ToString(Formatting.None);
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                return JsonConvert.DeserializeObject<string>(text);
            }
            catch (JsonException)
            {
                return text;
            }
        }

        return text;
    }

    /// <summary>A number input (<c>"1"</c>, <c>1</c> or <c>"\"1\""</c>); null when absent or not a whole number.</summary>
    public static long? ReadLong(JToken? token) =>
        ReadString(token) is { } text && long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Encodes a string the way the host does for <c>Data</c> and <c>Metadata</c> (for the local host).</summary>
    public static JValue EncodeString(string value) => new(JsonConvert.SerializeObject(value));

    /// <summary>Encodes a scalar the way the host does (its JSON text in a string).</summary>
    public static JValue EncodeScalar(object value) => new(JsonConvert.SerializeObject(value));
}
