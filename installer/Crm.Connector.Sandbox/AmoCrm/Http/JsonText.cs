using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>JSON reading that keeps date-like strings as strings.</summary>
internal static class JsonText
{
    public static JToken Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        var token = JToken.ReadFrom(reader);
        if (reader.Read() && reader.TokenType != JsonToken.Comment)
        {
            throw new JsonReaderException("Additional text after the JSON value.");
        }

        return token;
    }
}
