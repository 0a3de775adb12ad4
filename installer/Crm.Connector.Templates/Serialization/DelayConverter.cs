using Crm.Connector.Templates.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Serialization;

/// <summary>Reads and writes <c>{"hours": 2}</c>.</summary>
internal sealed class DelayConverter : JsonConverter<Delay>
{
    public override Delay? ReadJson(JsonReader reader, Type objectType, Delay? existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        var token = JToken.Load(reader);
        if (token.Type == JTokenType.Null)
        {
            return null;
        }

        if (token is not JObject obj || obj.Count != 1)
        {
            throw new JsonSerializationException($"Expected an object with exactly one unit at {token.Path}, e.g. {{\"hours\": 2}}.");
        }

        var property = obj.Properties().Single();
        var unit = EnumNames.Parse<DelayUnit>(property.Name)
            ?? throw new JsonSerializationException($"Unknown time unit '{property.Name}' at {token.Path}.");
        return new Delay(property.Value.Value<int>(), unit);
    }

    public override void WriteJson(JsonWriter writer, Delay? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        writer.WriteStartObject();
        writer.WritePropertyName(EnumNames.Of(value.Unit));
        writer.WriteValue(value.Amount);
        writer.WriteEndObject();
    }
}
