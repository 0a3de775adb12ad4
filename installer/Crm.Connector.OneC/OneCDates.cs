using System.Globalization;

namespace Crm.Connector.OneC;

/// <summary>
/// 1C dates: naive wall-clock time in the base's zone, written <c>yyyy-MM-ddTHH:mm:ss</c> with no offset and no <c>Z</c>;
/// <c>0001-01-01T00:00:00</c> is the empty date.
/// </summary>
public static class OneCDates
{
    /// <summary>The one format 1C reads and writes.</summary>
    public const string Pattern = "yyyy-MM-ddTHH:mm:ss";

    /// <summary>The clock reading of <paramref name="value"/> as 1C writes it (the kind is ignored: no conversion).</summary>
    public static string Format(DateTime value) => value.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>A 1C date read back as a naive <see cref="DateTime"/>; null for the empty date or no value.</summary>
    public static DateTime? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // 1C writes no offset; should a proxy add one, the clock reading is kept and the offset dropped.
        var clock = text.Length > Pattern.Length ? text[..Pattern.Length] : text;
        var value = DateTime.ParseExact(clock, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None);
        return value == DateTime.MinValue ? null : value;
    }
}
