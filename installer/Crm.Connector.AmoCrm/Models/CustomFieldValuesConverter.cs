using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Writes <see cref="CustomFieldValues"/> as the <c>custom_fields_values</c> array (write only).</summary>
public sealed class CustomFieldValuesConverter : JsonConverter<CustomFieldValues>
{
    public override bool CanRead => false;

    public override CustomFieldValues? ReadJson(JsonReader reader, Type objectType, CustomFieldValues? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
        throw new NotSupportedException("CustomFieldValues is written only; entities read custom_fields_values as AmoCustomFieldValue.");

    public override void WriteJson(JsonWriter writer, CustomFieldValues? value, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            value.ToJson().WriteTo(writer);
        }
    }
}
