using Crm.Connector.Templates.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Serialization;

/// <summary>Reads a plain string or a language map; writes the plain string back when that is all there is.</summary>
internal sealed class LocalizedTextConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText? ReadJson(JsonReader reader, Type objectType, LocalizedText? existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        var token = JToken.Load(reader);
        return token.Type switch
        {
            JTokenType.Null => null,
            JTokenType.String => LocalizedText.Plain(token.Value<string>()!),
            JTokenType.Object => new LocalizedText(((JObject)token).Properties().ToDictionary(p => p.Name, p => p.Value.Value<string>() ?? string.Empty, StringComparer.Ordinal)),
            _ => throw new JsonSerializationException($"Expected a string or a language map at {token.Path}."),
        };
    }

    public override void WriteJson(JsonWriter writer, LocalizedText? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        if (value.IsPlain)
        {
            writer.WriteValue(value.Get());
            return;
        }

        writer.WriteStartObject();
        foreach (var (language, text) in value.Values.OrderBy(kv => kv.Key == "ru" ? 0 : kv.Key == "en" ? 1 : 2).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(language);
            writer.WriteValue(text);
        }

        writer.WriteEndObject();
    }
}
