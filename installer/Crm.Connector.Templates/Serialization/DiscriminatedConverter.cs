using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Crm.Connector.Templates.Serialization;

/// <summary>
/// Reads an object of an abstract base type by the value of its discriminator property (<c>type</c>, <c>kind</c>) and
/// writes the discriminator first. Newtonsoft picks a converter by the value's runtime type when writing, so this
/// converter claims the derived types too and writes their properties itself (never the object as a whole, which
/// would come back here).
/// </summary>
internal sealed class DiscriminatedConverter<TBase>(string discriminator, IReadOnlyDictionary<string, Type> types) : JsonConverter
    where TBase : class
{
    private readonly Dictionary<Type, string> _names = types.ToDictionary(kv => kv.Value, kv => kv.Key);

    /// <summary>The discriminator values this converter knows.</summary>
    public IEnumerable<string> Names => types.Keys;

    public override bool CanConvert(Type objectType) => typeof(TBase).IsAssignableFrom(objectType);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var token = JToken.Load(reader);
        if (token.Type == JTokenType.Null)
        {
            return null;
        }

        if (token is not JObject obj)
        {
            throw new JsonSerializationException($"Expected an object at {token.Path}.");
        }

        var name = obj[discriminator]?.Value<string>();
        if (name is null || !types.TryGetValue(name, out var type))
        {
            throw new JsonSerializationException($"Unknown {discriminator} '{name}' at {token.Path}.");
        }

        var copy = (JObject)obj.DeepClone();
        copy.Remove(discriminator);
        var instance = Activator.CreateInstance(type)!;
        using var inner = copy.CreateReader();
        serializer.Populate(inner, instance);
        return instance;
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        var contract = (JsonObjectContract)serializer.ContractResolver.ResolveContract(value.GetType());
        writer.WriteStartObject();
        writer.WritePropertyName(discriminator);
        writer.WriteValue(_names[value.GetType()]);
        foreach (var property in contract.Properties)
        {
            if (property.Ignored || property.ShouldSerialize?.Invoke(value) == false)
            {
                continue;
            }

            var propertyValue = property.ValueProvider!.GetValue(value);
            if (propertyValue is null)
            {
                continue;
            }

            writer.WritePropertyName(property.PropertyName!);
            serializer.Serialize(writer, propertyValue);
        }

        writer.WriteEndObject();
    }
}
