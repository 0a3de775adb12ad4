using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>
/// A task's <c>result</c>: an object once the task is completed with a result, but an empty array (<c>[]</c>) while it
/// is open — PHP's empty array — which reads as "no result" instead of failing the whole list.
/// </summary>
internal sealed class AmoTaskResultConverter : JsonConverter<AmoTaskResult?>
{
    public override AmoTaskResult? ReadJson(JsonReader reader, Type objectType, AmoTaskResult? existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var token = JToken.ReadFrom(reader);
        return token is JObject result ? new AmoTaskResult { Text = result.Value<string>("text") } : null;
    }

    public override void WriteJson(JsonWriter writer, AmoTaskResult? value, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        writer.WriteStartObject();
        writer.WritePropertyName("text");
        writer.WriteValue(value.Text);
        writer.WriteEndObject();
    }
}
