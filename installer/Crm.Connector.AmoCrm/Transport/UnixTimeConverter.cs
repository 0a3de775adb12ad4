using System.Globalization;
using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Transport;

/// <summary>Instants (<see cref="DateTimeOffset"/>) as amoCRM's unix seconds; a numeric string or an ISO text is read too.</summary>
public sealed class UnixTimeConverter : JsonConverter
{
    public override bool CanConvert(Type objectType) => objectType == typeof(DateTimeOffset) || objectType == typeof(DateTimeOffset?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        switch (reader.TokenType)
        {
            case JsonToken.Null:
                return objectType == typeof(DateTimeOffset) ? default(DateTimeOffset) : null;
            case JsonToken.Integer:
            case JsonToken.Float:
                return DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(reader.Value, CultureInfo.InvariantCulture));
            case JsonToken.String when reader.Value is string text:
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
                {
                    return DateTimeOffset.FromUnixTimeSeconds(seconds);
                }

                return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            default:
                throw new JsonSerializationException($"Expected unix seconds, got {reader.TokenType}.");
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is DateTimeOffset instant)
        {
            writer.WriteValue(instant.ToUnixTimeSeconds());
        }
        else
        {
            writer.WriteNull();
        }
    }
}
