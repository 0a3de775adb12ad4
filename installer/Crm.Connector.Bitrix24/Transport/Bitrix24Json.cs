using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Crm.Connector.Bitrix24.Transport;

/// <summary>JSON as Bitrix24 speaks it: dates left as text, decimals exact, nulls left out of requests.</summary>
public static class Bitrix24Json
{
    /// <summary>Serializer for request and response models (names come from their <see cref="JsonPropertyAttribute"/>s).</summary>
    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(new JsonSerializerSettings
    {
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
        ContractResolver = new DefaultContractResolver(),
        DateFormatString = "yyyy-MM-ddTHH:mm:sszzz",
        Converters = { new YesNoConverter() },
    });

    /// <summary>A request model as a JSON object.</summary>
    public static JObject From(object model) => JObject.FromObject(model, Serializer);

    /// <summary>A response value as a model.</summary>
    public static T To<T>(JToken? token) =>
        token is null || token.Type == JTokenType.Null ? throw new JsonSerializationException($"Expected a {typeof(T).Name}, got nothing.") : token.ToObject<T>(Serializer)!;

    /// <summary>Parses an answer; null when it is not a JSON object (an HTML error page, an empty body).</summary>
    public static JObject? TryParseObject(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            return JToken.ReadFrom(reader) as JObject;
        }
        catch (JsonReaderException)
        {
            return null;
        }
    }

    /// <summary>
    /// An object-valued field that PHP sends as <c>[]</c> when empty (batch <c>result_error</c> and friends).
    /// </summary>
    public static JObject AsObject(JToken? token) => token as JObject ?? [];
}
