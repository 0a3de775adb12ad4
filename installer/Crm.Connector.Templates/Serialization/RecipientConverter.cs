using Crm.Connector.Templates.Model;
using Newtonsoft.Json;

namespace Crm.Connector.Templates.Serialization;

/// <summary>Reads and writes recipients as strings (<c>responsible</c>, <c>position:senior-manager</c>, …).</summary>
internal sealed class RecipientConverter : JsonConverter<Recipient>
{
    public override Recipient? ReadJson(JsonReader reader, Type objectType, Recipient? existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }

        var text = reader.Value as string;
        return Recipient.TryParse(text)
            ?? throw new JsonSerializationException($"'{text}' is not a recipient at {reader.Path}.");
    }

    public override void WriteJson(JsonWriter writer, Recipient? value, JsonSerializer serializer) =>
        writer.WriteValue(value?.ToString());
}
