using System.Globalization;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>
/// A six-field NCRONTAB schedule as timer triggers use it (§3): <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>,
/// each field <c>*</c>, a number, a range <c>a-b</c>, a step <c>*/n</c> or <c>a-b/n</c>, or a comma list of those.
/// Day-of-week 0 (and 7) is Sunday. Times are UTC.
/// </summary>
public sealed class NcrontabSchedule
{
    private readonly bool[] _seconds;
    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _days;
    private readonly bool[] _months;
    private readonly bool[] _weekdays;

    private NcrontabSchedule(bool[] seconds, bool[] minutes, bool[] hours, bool[] days, bool[] months, bool[] weekdays)
    {
        _seconds = seconds;
        _minutes = minutes;
        _hours = hours;
        _days = days;
        _months = months;
        _weekdays = weekdays;
    }

    /// <summary>Parses <paramref name="expression"/>; throws <see cref="FormatException"/> naming the bad field.</summary>
    public static NcrontabSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw new FormatException($"'{expression}' has {fields.Length} fields; a timer schedule has six: second minute hour day month day-of-week.");
        }

        var weekdays = Field(fields[5], 0, 7, "day-of-week");
        if (weekdays[7])
        {
            weekdays[0] = true;
        }

        return new NcrontabSchedule(
            Field(fields[0], 0, 59, "second"),
            Field(fields[1], 0, 59, "minute"),
            Field(fields[2], 0, 23, "hour"),
            Field(fields[3], 1, 31, "day"),
            Field(fields[4], 1, 12, "month"),
            weekdays);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null within the next four years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var start = after.ToUniversalTime();
        var t = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second, DateTimeKind.Utc).AddSeconds(1);
        var end = t.AddYears(4);
        while (t < end)
        {
            if (!_months[t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
                continue;
            }

            if (!_days[t.Day] || !_weekdays[(int)t.DayOfWeek])
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (!_hours[t.Hour])
            {
                t = t.Date.AddHours(t.Hour + 1);
                continue;
            }

            if (!_minutes[t.Minute])
            {
                t = t.Date.AddHours(t.Hour).AddMinutes(t.Minute + 1);
                continue;
            }

            if (!_seconds[t.Second])
            {
                t = t.AddSeconds(1);
                continue;
            }

            return new DateTimeOffset(t, TimeSpan.Zero);
        }

        return null;
    }

    private static bool[] Field(string text, int min, int max, string name)
    {
        var set = new bool[max + 1];
        foreach (var part in text.Split(','))
        {
            var step = 1;
            var range = part;
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                step = Number(part[(slash + 1)..], 1, max, name);
                range = part[..slash];
            }

            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.Contains('-', StringComparison.Ordinal))
            {
                var bounds = range.Split('-');
                (from, to) = (Number(bounds[0], min, max, name), Number(bounds[1], min, max, name));
                if (from > to)
                {
                    throw new FormatException($"The {name} range '{range}' runs backwards.");
                }
            }
            else
            {
                from = Number(range, min, max, name);
                to = slash >= 0 ? max : from;
            }

            for (var v = from; v <= to; v += step)
            {
                set[v] = true;
            }
        }

        return set;
    }

    private static int Number(string text, int min, int max, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"'{text}' is not a {name} between {min} and {max}.");
}
