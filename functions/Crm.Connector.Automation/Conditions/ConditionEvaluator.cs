using System.Collections;
using System.Globalization;
using Crm.Connector.Templates.Model.Conditions;

namespace Crm.Connector.Automation.Conditions;

/// <summary>
/// Evaluates a template condition on an item. Values compare the way a person reads them: numbers by value ("5" = 5,
/// money "1500|RUB" = 1500), booleans from true/false, Y/N and 1/0, text exactly. On a multi-valued field, <c>eq</c>
/// and <c>in</c> hold when any value matches and <c>ne</c> / <c>notIn</c> when none does. An ordering test (<c>gt</c>…)
/// on a missing or non-numeric value is false — a condition never throws on data.
/// </summary>
public static class ConditionEvaluator
{
    /// <summary>True when <paramref name="condition"/> holds for <paramref name="item"/> (a missing condition always holds).</summary>
    /// <param name="condition">The template condition.</param>
    /// <param name="item">The item.</param>
    /// <param name="related">Values of the linked contact or company (<c>contact.CLIENT_KIND</c>) when the item does not carry them itself; null when not available.</param>
    public static bool Evaluate(Condition? condition, ItemState item, Func<string, object?>? related = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        return condition switch
        {
            null => true,
            AllCondition all => all.All.All(c => Evaluate(c, item, related)),
            AnyCondition any => any.Any.Any(c => Evaluate(c, item, related)),
            NotCondition not => !Evaluate(not.Not, item, related),
            FieldCondition field => Compare(field, item.Fields.TryGetValue(field.Field, out var value) || !field.Field.Contains('.', StringComparison.Ordinal) ? value : related?.Invoke(field.Field)),
            _ => false,
        };
    }

    private static bool Compare(FieldCondition condition, object? value)
    {
        var values = Values(value);
        var literals = condition.Values;
        return condition.Op switch
        {
            ConditionOperator.Empty => values.Count == 0,
            ConditionOperator.NotEmpty => values.Count > 0,
            ConditionOperator.Equal => literals.Count > 0 && values.Any(v => Matches(v, literals[0])),
            ConditionOperator.NotEqual => literals.Count > 0 && !values.Any(v => Matches(v, literals[0])),
            ConditionOperator.In => values.Any(v => literals.Any(l => Matches(v, l))),
            ConditionOperator.NotIn => !values.Any(v => literals.Any(l => Matches(v, l))),
            _ => literals.Count > 0 && values.Count == 1 && Order(values[0], literals[0]) is { } order && condition.Op switch
            {
                ConditionOperator.GreaterThan => order > 0,
                ConditionOperator.GreaterThanOrEqual => order >= 0,
                ConditionOperator.LessThan => order < 0,
                _ => order <= 0,
            },
        };
    }

    /// <summary>The non-empty values of a field: one for a plain value, each for a list.</summary>
    private static List<object> Values(object? value) => value switch
    {
        null => [],
        string s => s.Length == 0 ? [] : [s],
        IEnumerable list => [.. list.Cast<object?>().Where(v => !FieldValues.IsEmpty(v)).Cast<object>()],
        _ => [value],
    };

    private static bool Matches(object value, LiteralValue literal) => literal.Kind switch
    {
        LiteralKind.Number => Number(value) is { } number && number == literal.AsNumber(),
        LiteralKind.Boolean => Boolean(value) is { } flag && flag == literal.AsBoolean(),
        _ => Number(value) is { } n && literal.AsNumber() is null && decimal.TryParse(literal.Text, NumberStyles.Number, CultureInfo.InvariantCulture, out var l)
            ? n == l
            : string.Equals(FieldValues.Text(value), literal.Text, StringComparison.Ordinal),
    };

    /// <summary>Numbers by value, then dates by instant; null when the two cannot be ordered.</summary>
    private static int? Order(object value, LiteralValue literal)
    {
        if (Number(value) is { } number && (literal.AsNumber() ?? Number(literal.Text)) is { } other)
        {
            return number.CompareTo(other);
        }

        return Date(FieldValues.Text(value)) is { } date && Date(literal.Text) is { } otherDate ? date.CompareTo(otherDate) : null;
    }

    /// <summary>A number, reading money as "amount|currency"; a boolean is not one.</summary>
    private static decimal? Number(object? value) => value is bool ? null : FieldValues.Money(value);

    private static bool? Boolean(object value) => value switch
    {
        bool b => b,
        string s when s is "Y" or "1" or "true" or "True" => true,
        string s when s is "N" or "0" or "false" or "False" => false,
        int i => i != 0,
        long l => l != 0,
        decimal d => d != 0,
        _ => null,
    };

    private static DateTimeOffset? Date(string? text) =>
        text is { Length: >= 8 } && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
