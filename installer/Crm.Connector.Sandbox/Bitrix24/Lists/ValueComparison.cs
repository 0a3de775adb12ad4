using System.Globalization;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Lists;

/// <summary>
/// Compares a stored value with a filter value (usually a string from a query) the way a SQL backend would: numbers
/// as numbers, dates as instants, Y/N flags as booleans, other text case-insensitively.
/// </summary>
internal static class ValueComparison
{
    /// <summary>Compares; null when the two cannot be ordered (a stored null, say).</summary>
    public static int? Compare(JToken? stored, JToken? wanted)
    {
        if (stored is null || stored.Type == JTokenType.Null)
        {
            return null;
        }

        if (stored.Type == JTokenType.Boolean)
        {
            return Params.AsBool(wanted) is { } flag ? ((bool)stored).CompareTo(flag) : null;
        }

        if (stored.Type is JTokenType.Integer or JTokenType.Float && Params.AsDecimal(wanted) is { } number)
        {
            return Convert.ToDecimal(((JValue)stored).Value, CultureInfo.InvariantCulture).CompareTo(number);
        }

        var storedText = Params.AsString(stored) ?? "";
        var wantedText = Params.AsString(wanted) ?? "";
        if (LooksLikeDate(storedText) && LooksLikeDate(wantedText) && PortalTime.ParseDateTime(Expand(storedText)) is { } a && PortalTime.ParseDateTime(Expand(wantedText)) is { } b)
        {
            return a.CompareTo(b);
        }

        if (decimal.TryParse(storedText, NumberStyles.Float, CultureInfo.InvariantCulture, out var storedNumber) &&
            decimal.TryParse(wantedText, NumberStyles.Float, CultureInfo.InvariantCulture, out var wantedNumber))
        {
            return storedNumber.CompareTo(wantedNumber);
        }

        return string.Compare(storedText, wantedText, StringComparison.OrdinalIgnoreCase);
    }

    public static bool AreEqual(JToken? stored, JToken? wanted)
    {
        var wantedEmpty = wanted is null || wanted.Type == JTokenType.Null || (wanted.Type == JTokenType.String && string.IsNullOrEmpty((string?)wanted));
        if (stored is null || stored.Type == JTokenType.Null || (stored.Type == JTokenType.String && string.IsNullOrEmpty((string?)stored)))
        {
            return wantedEmpty;
        }

        return !wantedEmpty && Compare(stored, wanted) == 0;
    }

    /// <summary>Orders two stored values for <c>order</c>: nulls first, then by <see cref="Compare"/>.</summary>
    public static int Sort(JToken? a, JToken? b)
    {
        var aNull = a is null || a.Type == JTokenType.Null;
        var bNull = b is null || b.Type == JTokenType.Null;
        if (aNull || bNull)
        {
            return aNull == bNull ? 0 : (aNull ? -1 : 1);
        }

        return Compare(a, b) ?? 0;
    }

    private static bool LooksLikeDate(string text) => text.Length >= 10 && text[4] == '-' && text[7] == '-' && char.IsAsciiDigit(text[0]);

    private static string Expand(string text) => text.Length == 10 ? text + "T00:00:00" : text;
}
