using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Transport;

/// <summary>Bitrix24 booleans: reads <c>Y</c>/<c>N</c>, <c>1</c>/<c>0</c>, true/false; writes <c>Y</c>/<c>N</c>.</summary>
internal sealed class YesNoConverter : JsonConverter
{
    public override bool CanConvert(Type objectType) => objectType == typeof(bool) || objectType == typeof(bool?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) => reader.Value switch
    {
        null => objectType == typeof(bool?) ? null : false,
        bool b => b,
        long n => n != 0,
        string s => s is "Y" or "y" or "1" or "true" or "TRUE" or "True",
        _ => false,
    };

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is bool b)
        {
            writer.WriteValue(b ? "Y" : "N");
        }
        else
        {
            writer.WriteNull();
        }
    }
}
