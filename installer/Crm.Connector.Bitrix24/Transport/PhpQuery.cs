using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Transport;

/// <summary>
/// PHP's <c>http_build_query</c> for JSON values, as Bitrix24 reads query strings (bitrix24-rest.md §10):
/// <c>{"fields":{"TITLE":"x","UF":["a","b"]}}</c> → <c>fields%5BTITLE%5D=x&amp;fields%5BUF%5D%5B0%5D=a&amp;…</c>.
/// Like PHP, nulls and empty arrays are left out. Booleans become <c>Y</c>/<c>N</c>: Bitrix24 silently misreads
/// other spellings inside batch commands (returning empty results instead of an error).
/// </summary>
public static class PhpQuery
{
    /// <summary>The query string for <paramref name="parameters"/> (without a leading <c>?</c>).</summary>
    public static string Encode(JObject? parameters)
    {
        var text = new StringBuilder();
        if (parameters is not null)
        {
            foreach (var property in parameters.Properties())
            {
                Append(text, property.Name, property.Value);
            }
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string key, JToken value)
    {
        switch (value)
        {
            case JObject obj:
                foreach (var property in obj.Properties())
                {
                    Append(text, $"{key}[{property.Name}]", property.Value);
                }

                break;
            case JArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Append(text, $"{key}[{i.ToString(CultureInfo.InvariantCulture)}]", array[i]);
                }

                break;
            case JValue { Type: JTokenType.Null or JTokenType.Undefined }:
                break;
            case JValue scalar:
                if (text.Length > 0)
                {
                    text.Append('&');
                }

                text.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(Scalar(scalar)));
                break;
        }
    }

    private static string Scalar(JValue value) => value.Type switch
    {
        JTokenType.Boolean => (bool)value.Value! ? "Y" : "N",
        JTokenType.Float or JTokenType.Integer => Convert.ToString(value.Value, CultureInfo.InvariantCulture)!,
        JTokenType.Date => value.ToString(Newtonsoft.Json.Formatting.None).Trim('"'),
        _ => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
