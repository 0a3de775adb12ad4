using Crm.Connector.Templates.Model.Conditions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Serialization;

/// <summary>Reads and writes conditions: <c>{"all": [...]}</c>, <c>{"any": [...]}</c>, <c>{"not": {...}}</c> or a comparison.</summary>
internal sealed class ConditionConverter : JsonConverter
{
    public override bool CanConvert(Type objectType) => typeof(Condition).IsAssignableFrom(objectType);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var token = JToken.Load(reader);
        return token.Type == JTokenType.Null ? null : Read(token, serializer);
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) =>
        Write((Condition?)value, serializer).WriteTo(writer);

    private static Condition Read(JToken token, JsonSerializer serializer)
    {
        if (token is not JObject obj)
        {
            throw new JsonSerializationException($"Expected a condition object at {token.Path}.");
        }

        if (obj["all"] is JArray all)
        {
            return new AllCondition([.. all.Select(t => Read(t, serializer))]);
        }

        if (obj["any"] is JArray any)
        {
            return new AnyCondition([.. any.Select(t => Read(t, serializer))]);
        }

        if (obj["not"] is JObject not)
        {
            return new NotCondition(Read(not, serializer));
        }

        var op = obj["op"]?.Value<string>();
        var value = obj["value"];
        return new FieldCondition
        {
            Field = obj["field"]?.Value<string>() ?? string.Empty,
            Op = op is null ? ConditionOperator.Equal : EnumNames.Parse<ConditionOperator>(op) ?? throw new JsonSerializationException($"Unknown operator '{op}' at {obj.Path}."),
            Values = value switch
            {
                null => [],
                JArray array => [.. array.Select(t => LiteralValueConverter.FromToken(t)!)],
                _ when value.Type == JTokenType.Null => [],
                _ => [LiteralValueConverter.FromToken(value)!],
            },
        };
    }

    private static JToken Write(Condition? condition, JsonSerializer serializer) => condition switch
    {
        null => JValue.CreateNull(),
        AllCondition all => new JObject(new JProperty("all", new JArray(all.All.Select(c => Write(c, serializer))))),
        AnyCondition any => new JObject(new JProperty("any", new JArray(any.Any.Select(c => Write(c, serializer))))),
        NotCondition not => new JObject(new JProperty("not", Write(not.Not, serializer))),
        FieldCondition field => WriteField(field),
        _ => throw new JsonSerializationException($"Unknown condition {condition.GetType().Name}."),
    };

    private static JObject WriteField(FieldCondition field)
    {
        var obj = new JObject
        {
            ["field"] = field.Field,
            ["op"] = EnumNames.Of(field.Op),
        };
        var list = field.Op is ConditionOperator.In or ConditionOperator.NotIn;
        if (list)
        {
            obj["value"] = new JArray(field.Values.Select(LiteralValueConverter.ToToken));
        }
        else if (field.Values.Count > 0)
        {
            obj["value"] = LiteralValueConverter.ToToken(field.Values[0]);
        }

        return obj;
    }
}
