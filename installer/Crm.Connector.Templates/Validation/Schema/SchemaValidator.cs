using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Validation.Schema;

/// <summary>
/// Checks a JSON document against a JSON Schema (draft 2020-12), for the keywords listed in
/// <see cref="SupportedKeywords"/> — the ones <c>templates/template.schema.json</c> uses. An unsupported keyword is not
/// silently ignored: a test walks the schema and fails on any keyword outside this list. Errors name the JSON path and,
/// where a typo is likely, the intended name — which is why the product keeps this validator; in the tests JsonSchema.Net
/// gives a second opinion on its verdicts (SchemaSecondOpinionTests).
/// </summary>
public sealed class SchemaValidator
{
    /// <summary>Keywords this validator understands (annotations included).</summary>
    public static readonly FrozenSet<string> SupportedKeywords = FrozenSet.ToFrozenSet(
    [
        "$schema", "$id", "$ref", "$defs", "$comment", "title", "description", "markdownDescription", "examples",
        "default", "deprecated", "patternErrorMessage", "errorMessage", "defaultSnippets",
        "type", "enum", "const",
        "minLength", "maxLength", "pattern",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "properties", "required", "additionalProperties", "propertyNames", "minProperties", "maxProperties", "patternProperties",
        "items", "minItems", "maxItems", "uniqueItems",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    ], StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    private readonly JObject _root;

    public SchemaValidator(JObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _root = schema;
    }

    /// <summary>The schema being enforced.</summary>
    public JObject Schema => _root;

    /// <summary>Every place <paramref name="instance"/> breaks the schema.</summary>
    public IReadOnlyList<SchemaError> Validate(JToken instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var errors = new List<SchemaError>();
        Check(instance, _root, "$", errors);
        return errors;
    }

    private void Check(JToken value, JToken schema, string path, List<SchemaError> errors)
    {
        if (schema.Type == JTokenType.Boolean)
        {
            if (!schema.Value<bool>())
            {
                errors.Add(new SchemaError(value, path, "is not allowed here."));
            }

            return;
        }

        if (schema is not JObject s)
        {
            return;
        }

        if (s["$ref"] is JValue reference)
        {
            Check(value, Resolve(reference.Value<string>()!), path, errors);
        }

        if (s["type"] is { } type && !MatchesType(value, type))
        {
            errors.Add(new SchemaError(value, path, $"expected {Describe(type)}, found {TypeName(value)}.") { IsTypeMismatch = true });
            return;
        }

        if (s["const"] is { } constant && !JsonEquals(constant, value))
        {
            errors.Add(new SchemaError(value, path, $"must be {constant.ToString(Newtonsoft.Json.Formatting.None)}."));
        }

        if (s["enum"] is JArray options && !options.Any(o => JsonEquals(o, value)))
        {
            var names = options.Select(o => o.Type == JTokenType.String ? o.Value<string>()! : o.ToString(Newtonsoft.Json.Formatting.None)).ToList();
            var hint = value.Type == JTokenType.String ? Suggestions.DidYouMean(value.Value<string>()!, names) : string.Empty;
            errors.Add(new SchemaError(value, path, $"{Show(value)} is not one of: {Suggestions.List(names, 30)}.", hint.Length > 0 ? hint : null));
        }

        switch (value.Type)
        {
            case JTokenType.String:
                CheckString(value, s, path, errors);
                break;
            case JTokenType.Integer or JTokenType.Float:
                CheckNumber(value, s, path, errors);
                break;
            case JTokenType.Object:
                CheckObject((JObject)value, s, path, errors);
                break;
            case JTokenType.Array:
                CheckArray((JArray)value, s, path, errors);
                break;
        }

        CheckCombinators(value, s, path, errors);
    }

    private void CheckCombinators(JToken value, JObject s, string path, List<SchemaError> errors)
    {
        if (s["allOf"] is JArray allOf)
        {
            foreach (var branch in allOf)
            {
                Check(value, branch, path, errors);
            }
        }

        if (s["anyOf"] is JArray anyOf)
        {
            var attempts = anyOf.Select(branch => Attempt(value, branch, path)).ToList();
            if (attempts.TrueForAll(a => a.Count > 0))
            {
                errors.AddRange(Closest(attempts, path));
            }
        }

        if (s["oneOf"] is JArray oneOf)
        {
            var attempts = oneOf.Select(branch => Attempt(value, branch, path)).ToList();
            var matches = attempts.Count(a => a.Count == 0);
            if (matches == 0)
            {
                errors.AddRange(Closest(attempts, path));
            }
            else if (matches > 1)
            {
                errors.Add(new SchemaError(value, path, $"matches {matches} alternatives where exactly one is allowed."));
            }
        }

        if (s["not"] is { } not && Attempt(value, not, path).Count == 0)
        {
            errors.Add(new SchemaError(value, path, "has a form that is not allowed here."));
        }

        if (s["if"] is { } condition)
        {
            var holds = Attempt(value, condition, path).Count == 0;
            if (holds && s["then"] is { } then)
            {
                Check(value, then, path, errors);
            }
            else if (!holds && s["else"] is { } otherwise)
            {
                Check(value, otherwise, path, errors);
            }
        }
    }

    /// <summary>
    /// The alternative the author most likely meant: one whose JSON type fits the value, with the fewest errors.
    /// </summary>
    private static List<SchemaError> Closest(List<List<SchemaError>> attempts, string path) =>
        attempts.MinBy(a => a.Count + (a.Exists(e => e.IsTypeMismatch && e.Path == path) ? 1000 : 0))!;

    private List<SchemaError> Attempt(JToken value, JToken schema, string path)
    {
        var errors = new List<SchemaError>();
        Check(value, schema, path, errors);
        return errors;
    }

    private static void CheckString(JToken value, JObject s, string path, List<SchemaError> errors)
    {
        var text = value.Value<string>()!;
        // The schema's length is in Unicode code points (draft 2020-12 §6.3.1), not UTF-16 units or grapheme clusters.
        var length = text.EnumerateRunes().Count();
        if (s["minLength"] is { } min && length < min.Value<int>())
        {
            errors.Add(new SchemaError(value, path, min.Value<int>() == 1 ? "must not be empty." : $"is {length} characters long; at least {min} are needed."));
        }

        if (s["maxLength"] is { } max && length > max.Value<int>())
        {
            errors.Add(new SchemaError(value, path, $"{Show(value)} is {length} characters long; at most {max} are allowed.", "Shorten it."));
        }

        if (s["pattern"] is { } pattern && !PatternFor(pattern.Value<string>()!).IsMatch(text))
        {
            var why = s["patternErrorMessage"]?.Value<string>();
            errors.Add(new SchemaError(value, path, why is null ? $"{Show(value)} does not match {pattern}." : $"{Show(value)} {why}"));
        }
    }

    private static void CheckNumber(JToken value, JObject s, string path, List<SchemaError> errors)
    {
        var number = value.Value<decimal>();
        if (s["minimum"] is { } min && number < min.Value<decimal>())
        {
            errors.Add(new SchemaError(value, path, $"{Show(value)} is below the minimum {min}."));
        }

        if (s["maximum"] is { } max && number > max.Value<decimal>())
        {
            errors.Add(new SchemaError(value, path, $"{Show(value)} is above the maximum {max}."));
        }

        if (s["exclusiveMinimum"] is { } xmin && number <= xmin.Value<decimal>())
        {
            errors.Add(new SchemaError(value, path, $"{Show(value)} must be greater than {xmin}."));
        }

        if (s["exclusiveMaximum"] is { } xmax && number >= xmax.Value<decimal>())
        {
            errors.Add(new SchemaError(value, path, $"{Show(value)} must be less than {xmax}."));
        }
    }

    private void CheckObject(JObject value, JObject s, string path, List<SchemaError> errors)
    {
        var properties = s["properties"] as JObject;
        var patternProperties = s["patternProperties"] as JObject;
        if (s["required"] is JArray required)
        {
            foreach (var name in required.Values<string>())
            {
                if (value[name!] is null)
                {
                    errors.Add(new SchemaError(value, path, $"is missing the required property '{name}'.", $"Add \"{name}\"."));
                }
            }
        }

        foreach (var property in value.Properties())
        {
            var childPath = Child(path, property.Name);
            var known = false;
            if (properties?[property.Name] is { } propertySchema)
            {
                known = true;
                Check(property.Value, propertySchema, childPath, errors);
            }

            if (patternProperties is not null)
            {
                foreach (var pattern in patternProperties.Properties().Where(p => PatternFor(p.Name).IsMatch(property.Name)))
                {
                    known = true;
                    Check(property.Value, pattern.Value, childPath, errors);
                }
            }

            if (!known && s["additionalProperties"] is { } additional)
            {
                if (additional.Type == JTokenType.Boolean && !additional.Value<bool>())
                {
                    var allowed = properties?.Properties().Select(p => p.Name).ToList() ?? [];
                    var hint = Suggestions.Closest(property.Name, allowed);
                    errors.Add(new SchemaError(
                        property.Value,
                        childPath,
                        $"unknown property '{property.Name}'; allowed here: {Suggestions.List(allowed, 30)}.",
                        hint is null ? "Remove it." : $"Did you mean '{hint}'?"));
                }
                else if (additional is JObject)
                {
                    Check(property.Value, additional, childPath, errors);
                }
            }

            if (s["propertyNames"] is { } names)
            {
                var nameErrors = Attempt(new JValue(property.Name), names, childPath);
                foreach (var error in nameErrors)
                {
                    errors.Add(error with { Token = property.Value, Message = "property name " + error.Message });
                }
            }
        }

        if (s["minProperties"] is { } min && value.Count < min.Value<int>())
        {
            errors.Add(new SchemaError(value, path, min.Value<int>() == 1 ? "must not be empty." : $"needs at least {min} properties."));
        }

        if (s["maxProperties"] is { } max && value.Count > max.Value<int>())
        {
            errors.Add(new SchemaError(value, path, max.Value<int>() == 1 ? $"must have exactly one property; found {value.Count}: {string.Join(", ", value.Properties().Select(p => p.Name))}." : $"has {value.Count} properties; at most {max} are allowed."));
        }
    }

    private void CheckArray(JArray value, JObject s, string path, List<SchemaError> errors)
    {
        if (s["items"] is { } items)
        {
            for (var i = 0; i < value.Count; i++)
            {
                Check(value[i], items, $"{path}[{i}]", errors);
            }
        }

        if (s["minItems"] is { } min && value.Count < min.Value<int>())
        {
            errors.Add(new SchemaError(value, path, min.Value<int>() == 1 ? "must not be empty." : $"has {value.Count} items; at least {min} are needed."));
        }

        if (s["maxItems"] is { } max && value.Count > max.Value<int>())
        {
            errors.Add(new SchemaError(value, path, $"has {value.Count} items; at most {max} are allowed."));
        }

        if (s["uniqueItems"] is { } unique && unique.Value<bool>())
        {
            for (var i = 1; i < value.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (JsonEquals(value[i], value[j]))
                    {
                        errors.Add(new SchemaError(value[i], $"{path}[{i}]", $"{Show(value[i])} repeats item {j}.", "Remove the repeat."));
                        break;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Equality as JSON Schema defines it (draft 2020-12 §4.2.2): numbers by value, so <c>1</c> equals <c>1.0</c>;
    /// objects by their property sets, whatever the order; arrays item by item.
    /// </summary>
    private static bool JsonEquals(JToken left, JToken right) => (left, right) switch
    {
        (JValue { Type: JTokenType.Integer or JTokenType.Float } a, JValue { Type: JTokenType.Integer or JTokenType.Float } b) => NumbersEqual(a, b),
        (JObject a, JObject b) => a.Count == b.Count && a.Properties().All(p => b[p.Name] is { } other && JsonEquals(p.Value, other)),
        (JArray a, JArray b) => a.Count == b.Count && a.Zip(b).All(pair => JsonEquals(pair.First, pair.Second)),
        _ => left.Type == right.Type && JToken.DeepEquals(left, right),
    };

    private static bool NumbersEqual(JValue left, JValue right)
    {
        try
        {
            return left.Value<decimal>() == right.Value<decimal>();
        }
        catch (OverflowException)
        {
            return left.Value<double>().Equals(right.Value<double>());
        }
    }

    private JToken Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only local schema references are supported, not '{reference}'.");
        }

        JToken current = _root;
        foreach (var part in reference[2..].Split('/'))
        {
            var name = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current[name] ?? throw new InvalidOperationException($"Schema reference '{reference}' does not resolve.");
        }

        return current;
    }

    private static bool MatchesType(JToken value, JToken type) =>
        type is JArray types ? types.Any(t => MatchesType(value, t.Value<string>()!)) : MatchesType(value, type.Value<string>()!);

    private static bool MatchesType(JToken value, string type) => type switch
    {
        "string" => value.Type == JTokenType.String,
        "integer" => value.Type == JTokenType.Integer || (value.Type == JTokenType.Float && decimal.Truncate(value.Value<decimal>()) == value.Value<decimal>()),
        "number" => value.Type is JTokenType.Integer or JTokenType.Float,
        "boolean" => value.Type == JTokenType.Boolean,
        "object" => value.Type == JTokenType.Object,
        "array" => value.Type == JTokenType.Array,
        "null" => value.Type == JTokenType.Null,
        _ => false,
    };

    private static string Describe(JToken type) =>
        type is JArray types ? string.Join(" or ", types.Select(t => Article(t.Value<string>()!))) : Article(type.Value<string>()!);

    private static string Article(string type) => type switch
    {
        "object" or "array" or "integer" => "an " + type,
        "null" => "null",
        _ => "a " + type,
    };

    private static string TypeName(JToken value) => value.Type switch
    {
        JTokenType.String => $"the string {Show(value)}",
        JTokenType.Integer or JTokenType.Float => $"the number {value}",
        JTokenType.Boolean => $"{value.ToString().ToLowerInvariant()}",
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.Null => "null",
        _ => value.Type.ToString().ToLowerInvariant(),
    };

    private static string Show(JToken value) =>
        value.Type == JTokenType.String ? $"'{value.Value<string>()}'" : value.ToString(Newtonsoft.Json.Formatting.None);

    internal static string Child(string path, string name) =>
        IsIdentifier(name) ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>
    /// The pattern as ECMA-262 reads it, which JSON Schema prescribes: <see cref="RegexOptions.ECMAScript"/> makes
    /// <c>\d</c>, <c>\w</c> and <c>\s</c> ASCII-only, and each <c>$</c> outside a character class becomes <c>\z</c> —
    /// .NET's <c>$</c> also matches before a final line feed, so <c>"NEW\n"</c> would pass <c>^[A-Z]+$</c>.
    /// </summary>
    private static Regex PatternFor(string pattern) =>
        Patterns.GetOrAdd(pattern, static p => new Regex(EndOfInputAnchors(p), RegexOptions.ECMAScript | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    private static string EndOfInputAnchors(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }

            if (c == '$' && !inClass)
            {
                result.Append(@"\z");
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
