using System.Collections;
using System.Globalization;

namespace Crm.Connector.Automation;

/// <summary>Comparing and reading field values the way a person would: "5" equals 5, an empty string equals nothing.</summary>
public static class FieldValues
{
    public static bool Equal(object? a, object? b)
    {
        if (IsEmpty(a) || IsEmpty(b))
        {
            return IsEmpty(a) && IsEmpty(b);
        }

        if (a is IEnumerable listA and not string && b is IEnumerable listB and not string)
        {
            return listA.Cast<object?>().Select(Text).SequenceEqual(listB.Cast<object?>().Select(Text), StringComparer.Ordinal);
        }

        var (numberA, numberB) = (Number(a), Number(b));
        return numberA is not null && numberB is not null ? numberA == numberB : string.Equals(Text(a), Text(b), StringComparison.Ordinal);
    }

    /// <summary>Null, an empty string or an empty list.</summary>
    public static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        IEnumerable e => !e.Cast<object?>().Any(),
        _ => false,
    };

    /// <summary>
    /// Nothing a person could read as an answer: null, an empty or whitespace-only string, or a list holding only such
    /// values. Required fields and reasons are checked with this (a reason of only spaces is no reason).
    /// </summary>
    public static bool IsBlank(object? value) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        IEnumerable e => e.Cast<object?>().All(IsBlank),
        _ => false,
    };

    /// <summary>The value as a number, when it is one (strings parsed with the invariant culture).</summary>
    public static decimal? Number(object? value) => value switch
    {
        null => null,
        decimal d => d,
        int i => i,
        long l => l,
        double d when !double.IsNaN(d) && !double.IsInfinity(d) => (decimal)d,
        string s when decimal.TryParse(s.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>
    /// An amount of money: a number, or the CRM's "amount|currency" text (e.g. <c>1500.50|RUB</c>); null when neither.
    /// </summary>
    public static decimal? Money(object? value) =>
        value is string text && text.IndexOf('|', StringComparison.Ordinal) is var bar and > 0 ? Number(text[..bar]) : Number(value);

    /// <summary>The value as text (invariant culture).</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
