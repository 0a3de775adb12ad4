using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Crm.Connector.AmoCrm.Transport;

/// <summary>JSON as amoCRM speaks it: snake_case names from the models' attributes, nulls left out of requests, instants as unix seconds.</summary>
public static class AmoJson
{
    /// <summary>Serializer for request and response models.</summary>
    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings());

    /// <summary>A request model as JSON.</summary>
    public static JToken From(object model) => JToken.FromObject(model, Serializer);

    /// <summary>A response value as a model.</summary>
    public static T To<T>(JToken? token) =>
        token is null || token.Type == JTokenType.Null ? throw new JsonSerializationException($"Expected a {typeof(T).Name}, got nothing.") : token.ToObject<T>(Serializer)!;

    /// <summary>Parses an answer; null when it is not a JSON object (an HTML page, an empty or cut-off body).</summary>
    public static JObject? TryParseObject(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            var token = JToken.ReadFrom(reader);
            return reader.Read() ? null : token as JObject;
        }
        catch (JsonReaderException)
        {
            return null;
        }
    }

    private static JsonSerializerSettings Settings() => new()
    {
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
        ContractResolver = new DefaultContractResolver(),
        Converters = { new UnixTimeConverter() },
    };
}
