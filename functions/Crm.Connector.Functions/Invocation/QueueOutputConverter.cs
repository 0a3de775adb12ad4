using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Invocation;

/// <summary>
/// Turns a queue output value into message texts exactly as the Functions host does (§5.4), so the local host enqueues
/// what Azure would: a string that is valid base64 is decoded first; a JSON array (or a string holding one) is one
/// message per element; an object string is one message; each element is written with <c>ToString()</c> (objects
/// indented, booleans <c>True</c>).
/// </summary>
public static class QueueOutputConverter
{
    public static IReadOnlyList<string> ToMessages(JToken? value)
    {
        if (value is null || value.Type == JTokenType.Null)
        {
            return [];
        }

        if (value.Type == JTokenType.String)
        {
            var text = value.Value<string>()!;
            if (TryBase64(text, out var decoded))
            {
                return [decoded];
            }

            var trimmed = text.TrimStart();
            if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
            {
                try
                {
                    return Split(JToken.Parse(text));
                }
                catch (JsonReaderException)
                {
                    return [text];
                }
            }

            return [text];
        }

        return Split(value);
    }

    private static List<string> Split(JToken value) => value is JArray array
        ? [.. array.Where(e => e.Type != JTokenType.Null).Select(Text)]
        : [Text(value)];

    private static string Text(JToken element) => element switch
    {
        JValue { Type: JTokenType.String } s => s.Value<string>()!,
        JValue { Type: JTokenType.Boolean } b => b.Value<bool>() ? "True" : "False",
        JValue v => Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? string.Empty,
        _ => element.ToString(Formatting.Indented),
    };

    private static bool TryBase64(string text, out string decoded)
    {
        decoded = string.Empty;
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return false;
        }

        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        decoded = Encoding.UTF8.GetString(buffer, 0, written);
        return true;
    }
}
