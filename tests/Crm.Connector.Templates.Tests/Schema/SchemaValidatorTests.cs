using Crm.Connector.Templates.Validation.Schema;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Tests.Schema;

public sealed class SchemaValidatorTests
{
    private const string Schema = """
        {
          "type": "object",
          "required": ["name"],
          "additionalProperties": false,
          "properties": {
            "name": { "type": "string", "minLength": 1, "maxLength": 5 },
            "code": { "type": "string", "pattern": "^[A-Z]+$", "patternErrorMessage": "must be upper-case letters." },
            "color": { "enum": ["red", "green"] },
            "digit": { "type": "string", "pattern": "^\\d$" },
            "size": { "enum": [1, 2] },
            "sizes": { "type": "array", "uniqueItems": true },
            "count": { "type": "integer", "minimum": 1, "maximum": 10 },
            "ratio": { "type": "number", "exclusiveMinimum": 0 },
            "tags": { "type": "array", "minItems": 1, "uniqueItems": true, "items": { "$ref": "#/$defs/tag" } },
            "text": { "anyOf": [{ "type": "string" }, { "type": "object", "required": ["ru"], "additionalProperties": { "type": "string" } }] },
            "one": { "type": "object", "minProperties": 1, "maxProperties": 1 },
            "shape": {
              "type": "object",
              "required": ["kind"],
              "allOf": [
                { "if": { "required": ["kind"], "properties": { "kind": { "const": "circle" } } }, "then": { "required": ["radius"] } }
              ]
            }
          },
          "$defs": { "tag": { "type": "string", "pattern": "^[a-z]+$" } }
        }
        """;

    private static readonly SchemaValidator Validator = new(JObject.Parse(Schema));

    public static TheoryData<string, string, string> Broken() => new()
    {
        { "{}", "$", "missing the required property 'name'" },
        { "{\"name\": 5}", "$.name", "expected a string, found the number 5" },
        { "{\"name\": \"\"}", "$.name", "must not be empty" },
        { "{\"name\": \"toolong\"}", "$.name", "at most 5" },
        { "{\"name\": \"a\", \"code\": \"ab\"}", "$.code", "must be upper-case letters" },
        { "{\"name\": \"a\", \"code\": \"AB\\n\"}", "$.code", "must be upper-case letters" }, // ECMA-262: '$' is the very end
        { "{\"name\": \"a\", \"digit\": \"٣\"}", "$.digit", "does not match" }, // ECMA-262: '\d' is 0-9 only
        { "{\"name\": \"👍🏽👍🏽👍🏽\"}", "$.name", "is 6 characters long; at most 5" }, // code points, not graphemes
        { "{\"name\": \"a\", \"sizes\": [1, 1.0]}", "$.sizes[1]", "repeats item 0" }, // 1.0 is the number 1
        { "{\"name\": \"a\", \"color\": \"blue\"}", "$.color", "is not one of: red, green" },
        { "{\"name\": \"a\", \"count\": 0}", "$.count", "below the minimum 1" },
        { "{\"name\": \"a\", \"count\": 11}", "$.count", "above the maximum 10" },
        { "{\"name\": \"a\", \"count\": 1.5}", "$.count", "expected an integer" },
        { "{\"name\": \"a\", \"ratio\": 0}", "$.ratio", "greater than 0" },
        { "{\"name\": \"a\", \"tags\": []}", "$.tags", "must not be empty" },
        { "{\"name\": \"a\", \"tags\": [\"x\", \"x\"]}", "$.tags[1]", "repeats item 0" },
        { "{\"name\": \"a\", \"tags\": [\"X\"]}", "$.tags[0]", "does not match" },
        { "{\"name\": \"a\", \"text\": {\"en\": \"hi\"}}", "$.text", "missing the required property 'ru'" },
        { "{\"name\": \"a\", \"one\": {\"a\": 1, \"b\": 2}}", "$.one", "exactly one property" },
        { "{\"name\": \"a\", \"shape\": {\"kind\": \"circle\"}}", "$.shape", "missing the required property 'radius'" },
        { "{\"name\": \"a\", \"nmae\": 1}", "$.nmae", "unknown property 'nmae'" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_BrokenDocument_ReportsPathAndReason(string document, string path, string message)
    {
        var errors = Validator.Validate(JToken.Parse(document));

        Assert.Contains(errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"name\": \"a\"}")]
    [InlineData("{\"name\": \"abc\", \"code\": \"AB\", \"color\": \"red\", \"count\": 10, \"ratio\": 0.5, \"tags\": [\"x\", \"y\"], \"text\": \"hi\", \"one\": {\"a\": 1}, \"shape\": {\"kind\": \"square\"}}")]
    [InlineData("{\"name\": \"a\", \"text\": {\"ru\": \"привет\", \"en\": \"hi\"}, \"shape\": {\"kind\": \"circle\", \"radius\": 2}}")]
    [InlineData("{\"name\": \"😀😀😀😀😀\", \"digit\": \"7\", \"size\": 1.0, \"sizes\": [1, 2, {\"a\": 1, \"b\": 2}, {\"b\": 2, \"a\": 3}]}")]
    public void Validate_ValidDocument_HasNoErrors(string document)
    {
        Assert.Empty(Validator.Validate(JToken.Parse(document)));
    }

    [Fact]
    public void Validate_MisspeltProperty_SuggestsTheNearestAllowedName()
    {
        var error = Assert.Single(Validator.Validate(JToken.Parse("{\"name\": \"a\", \"nmae\": 1}")));

        Assert.Equal("Did you mean 'name'?", error.Fix);
    }

    [Fact]
    public void Validate_MisspeltEnumValue_SuggestsTheNearestValue()
    {
        var error = Assert.Single(Validator.Validate(JToken.Parse("{\"name\": \"a\", \"color\": \"gren\"}")));

        Assert.Equal("Did you mean 'green'?", error.Fix);
    }

    [Fact]
    public void Validate_ExternalReference_IsRefusedRatherThanIgnored()
    {
        var validator = new SchemaValidator(JObject.Parse("{\"$ref\": \"https://example.com/other.json\"}"));

        Assert.Throws<NotSupportedException>(() => validator.Validate(new JObject()));
    }
}
