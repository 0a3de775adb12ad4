using System.Globalization;
using Crm.Connector.Templates.Model.Conditions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Serialization;

/// <summary>Reads strings, numbers and booleans into <see cref="LiteralValue"/> and writes them back with their JSON type.</summary>
internal sealed class LiteralValueConverter : JsonConverter<LiteralValue>
{
    public override LiteralValue? ReadJson(JsonReader reader, Type objectType, LiteralValue? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
        FromToken(JToken.Load(reader));

    public override void WriteJson(JsonWriter writer, LiteralValue? value, JsonSerializer serializer) =>
        ToToken(value).WriteTo(writer);

    internal static LiteralValue? FromToken(JToken token) => token.Type switch
    {
        JTokenType.Null => null,
        JTokenType.String => LiteralValue.Of(token.Value<string>()!),
        JTokenType.Boolean => LiteralValue.Of(token.Value<bool>()),
        JTokenType.Integer or JTokenType.Float => new LiteralValue(LiteralKind.Number, Convert.ToString(((JValue)token).Value, CultureInfo.InvariantCulture)!),
        _ => throw new JsonSerializationException($"Expected a string, number or boolean at {token.Path}."),
    };

    internal static JToken ToToken(LiteralValue? value) => value?.Kind switch
    {
        null => JValue.CreateNull(),
        LiteralKind.String => new JValue(value.Text),
        LiteralKind.Boolean => new JValue(value.AsBoolean()),
        LiteralKind.Number => new JValue(value.AsNumber()),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };
}
