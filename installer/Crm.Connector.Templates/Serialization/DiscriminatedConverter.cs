using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Serialization;

/// <summary>
/// Reads an object of an abstract base type by the value of its discriminator property (<c>type</c>, <c>kind</c>) and
/// writes the discriminator first. Only the base type itself is handled here, so concrete types serialize normally.
/// </summary>
internal sealed class DiscriminatedConverter<TBase>(string discriminator, IReadOnlyDictionary<string, Type> types) : JsonConverter
    where TBase : class
{
    private readonly Dictionary<Type, string> _names = types.ToDictionary(kv => kv.Value, kv => kv.Key);

    /// <summary>The discriminator values this converter knows.</summary>
    public IEnumerable<string> Names => types.Keys;

    public override bool CanConvert(Type objectType) => objectType == typeof(TBase);

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

        var body = JObject.FromObject(value, serializer);
        var result = new JObject(new JProperty(discriminator, _names[value.GetType()]));
        foreach (var property in body.Properties())
        {
            result.Add(property.Name, property.Value);
        }

        result.WriteTo(writer);
    }
}
