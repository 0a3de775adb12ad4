using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Reads any JSON token into an <see cref="AmoValue"/> and writes it back unchanged.</summary>
public sealed class AmoValueConverter : JsonConverter<AmoValue>
{
    public override AmoValue? ReadJson(JsonReader reader, Type objectType, AmoValue? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
        new(JToken.ReadFrom(reader));

    public override void WriteJson(JsonWriter writer, AmoValue? value, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            value.Raw.WriteTo(writer);
        }
    }
}
