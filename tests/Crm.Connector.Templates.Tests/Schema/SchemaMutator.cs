using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Tests.Schema;

/// <summary>
/// Damages a copy of a template in one place, chosen by a seeded <see cref="Random"/>: the same template, mutation and
/// seed always give the same document. The damage is blind to the schema — some mutants stay valid (say, a removed
/// optional property); the second-opinion test only needs both validators to reach the same verdict on each.
/// </summary>
internal static class SchemaMutator
{
    /// <summary>Returns the mutant and what was done to it, or <c>null</c> when the template has nothing to mutate this way.</summary>
    public static (JObject Mutant, string Change)? Mutate(JObject template, SchemaMutation mutation, int seed)
    {
        var mutant = (JObject)template.DeepClone();
        var random = new Random(seed);
        var change = mutation switch
        {
            SchemaMutation.RemoveProperty => RemoveProperty(mutant, random),
            SchemaMutation.ChangeType => ChangeType(mutant, random),
            SchemaMutation.BreakEnumValue => BreakEnumValue(mutant, random),
            SchemaMutation.AddUnknownProperty => AddUnknownProperty(mutant, random),
            SchemaMutation.RenameProperty => RenameProperty(mutant, random),
            SchemaMutation.StringLength => StringLength(mutant, random),
            SchemaMutation.PatternViolation => PatternViolation(mutant, random),
            SchemaMutation.NumberOutOfRange => NumberOutOfRange(mutant, random),
            SchemaMutation.ArrayShape => ArrayShape(mutant, random),
            _ => throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null),
        };
        return change is null ? null : (mutant, change);
    }

    private static string? RemoveProperty(JObject root, Random random)
    {
        var property = Pick(root.Descendants().OfType<JProperty>().ToList(), random);
        if (property is null)
        {
            return null;
        }

        property.Remove();
        return $"removed {property.Path}";
    }

    private static string? ChangeType(JObject root, Random random)
    {
        var value = Pick(Values(root).ToList(), random);
        if (value is null)
        {
            return null;
        }

        JToken[] others =
        [
            new JValue("text"), new JValue(7), new JValue(7.5m), new JValue(true), JValue.CreateNull(), new JObject(), new JArray(),
        ];
        var replacement = Pick(others.Where(o => o.Type != value.Type).ToList(), random)!;
        var path = value.Path;
        value.Replace(replacement);
        return $"{path}: {value.Type} → {replacement.Type}";
    }

    private static string? BreakEnumValue(JObject root, Random random)
    {
        var value = Pick(Strings(root).ToList(), random);
        if (value is null)
        {
            return null;
        }

        var text = value.Value<string>()!;
        var broken = random.Next(3) switch
        {
            0 => text + "x",
            1 when text.Length > 1 => text[1..],
            _ => text.Any(char.IsLower) ? text.ToUpperInvariant() : text.ToLowerInvariant() + "x",
        };
        return Replace(value, broken);
    }

    private static string? AddUnknownProperty(JObject root, Random random)
    {
        var target = Pick(root.DescendantsAndSelf().OfType<JObject>().ToList(), random);
        if (target is null)
        {
            return null;
        }

        // Half the time a near miss of a name already there (the typo an author makes), else a name from nowhere.
        var near = target.Properties().Select(p => p.Name + "s").Where(n => target[n] is null).ToList();
        var name = random.Next(2) == 0 && near.Count > 0 ? near[random.Next(near.Count)] : "unexpectedSetting";
        if (target[name] is not null)
        {
            return null;
        }

        target[name] = "x";
        return $"added {name} to {(target.Path.Length == 0 ? "$" : target.Path)}";
    }

    private static string? RenameProperty(JObject root, Random random)
    {
        var property = Pick(root.Descendants().OfType<JProperty>().ToList(), random);
        if (property is null)
        {
            return null;
        }

        var name = property.Name;
        var renamed = random.Next(3) switch
        {
            0 => name.Any(char.IsLower) ? name.ToUpperInvariant() : name.ToLowerInvariant() + "_x",
            1 => name + " ",
            _ => "x-" + name,
        };
        if (((JObject)property.Parent!)[renamed] is not null)
        {
            return null;
        }

        var path = property.Path;
        property.Replace(new JProperty(renamed, property.Value));
        return $"renamed {path} to '{renamed}'";
    }

    private static string? StringLength(JObject root, Random random)
    {
        var value = Pick(Strings(root).ToList(), random);
        if (value is null)
        {
            return null;
        }

        var text = value.Value<string>()!;
        var changed = random.Next(2) == 0 || text.Length == 0
            ? string.Concat(Enumerable.Repeat(text.Length == 0 ? "a" : text, (300 / Math.Max(text.Length, 1)) + 1))
            : string.Empty;
        return Replace(value, changed);
    }

    private static string? PatternViolation(JObject root, Random random)
    {
        var value = Pick(Strings(root).ToList(), random);
        if (value is null)
        {
            return null;
        }

        var text = value.Value<string>()!;
        var position = random.Next(text.Length + 1);
        // No line feed at the end: JsonSchema.Net lets "CODE\n" through '^...$' (see SchemaSecondOpinionTests).
        var broken = random.Next(5) switch
        {
            0 => " " + text,
            1 => "\n" + text,
            2 => text.Insert(position, "Ж"),
            3 => "_" + text,
            _ => text.Insert(position, "!"),
        };
        return Replace(value, broken);
    }

    private static string? NumberOutOfRange(JObject root, Random random)
    {
        var value = Pick(Values(root).Where(v => v.Type is JTokenType.Integer or JTokenType.Float).ToList(), random);
        if (value is null)
        {
            return null;
        }

        JValue[] numbers = [new(-1), new(0), new(1.5m), new(1_000_000_000), new(2.0m), new(-0.5m)];
        var replacement = numbers[random.Next(numbers.Length)];
        var path = value.Path;
        var before = value.ToString();
        value.Replace(replacement);
        return $"{path}: {before} → {replacement.ToString(Newtonsoft.Json.Formatting.None)}";
    }

    private static string? ArrayShape(JObject root, Random random)
    {
        var array = Pick(root.Descendants().OfType<JArray>().ToList(), random);
        if (array is null)
        {
            return null;
        }

        if (array.Count == 0 || random.Next(2) == 0)
        {
            array.RemoveAll();
            return $"emptied {array.Path}";
        }

        var repeated = array[random.Next(array.Count)];
        array.Add(repeated.DeepClone());
        return $"repeated {repeated.Path} at the end of {array.Path}";
    }

    private static string Replace(JToken value, string text)
    {
        var path = value.Path;
        var before = value.ToString(Newtonsoft.Json.Formatting.None);
        value.Replace(new JValue(text));
        return $"{path}: {Shorten(before)} → {Shorten(new JValue(text).ToString(Newtonsoft.Json.Formatting.None))}";
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "…";

    /// <summary>Every value below the root: property values and array items.</summary>
    private static IEnumerable<JToken> Values(JObject root) =>
        root.Descendants().Where(t => t is not JProperty);

    private static IEnumerable<JToken> Strings(JObject root) => Values(root).Where(v => v.Type == JTokenType.String);

    private static T? Pick<T>(List<T> items, Random random)
        where T : class => items.Count == 0 ? null : items[random.Next(items.Count)];
}
