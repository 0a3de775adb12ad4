using System.Globalization;
using Crm.Connector.Templates.Model;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Automation.Time;

/// <summary>
/// A portal's calendar: its time zone, working days (Monday–Friday unless set) and holidays, from the installation
/// settings <c>{"timeZone": "Europe/Moscow", "workDays": ["mon", …], "holidays": ["2027-01-01", …]}</c>. Delays are
/// counted in it: hours and minutes as elapsed time; days and months on the calendar at the same local time of day
/// (so "1 day" stays 09:00 across a daylight-saving change); business days as the same local time on the Nth working
/// day after the start's date (a start on a day off counts from the next day).
/// </summary>
public sealed class BusinessCalendar
{
    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
    };

    public BusinessCalendar(TimeZoneInfo zone, IReadOnlySet<DayOfWeek> workDays, IReadOnlySet<DateOnly> holidays)
    {
        Zone = zone ?? throw new ArgumentNullException(nameof(zone));
        WorkDays = workDays ?? throw new ArgumentNullException(nameof(workDays));
        Holidays = holidays ?? throw new ArgumentNullException(nameof(holidays));
        if (workDays.Count == 0)
        {
            throw new ArgumentException("A calendar needs at least one working day.", nameof(workDays));
        }
    }

    /// <summary>Moscow time (the seeds' market), Monday to Friday, no holidays.</summary>
    public static BusinessCalendar Default { get; } = new(
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow"),
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
        new HashSet<DateOnly>());

    public TimeZoneInfo Zone { get; }

    public IReadOnlySet<DayOfWeek> WorkDays { get; }

    public IReadOnlySet<DateOnly> Holidays { get; }

    /// <summary>The calendar the installation settings describe; what they leave out comes from <see cref="Default"/>.</summary>
    /// <exception cref="FormatException">A setting is not understood; the message names it and says what is expected.</exception>
    public static BusinessCalendar From(JObject? settings)
    {
        if (settings is null)
        {
            return Default;
        }

        var zone = Default.Zone;
        if (settings.Value<string>("timeZone") is { Length: > 0 } id)
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (TimeZoneNotFoundException)
            {
                throw new FormatException($"Setting timeZone: '{id}' is not a known time zone; use an IANA name such as Europe/Moscow.");
            }
        }

        var workDays = Default.WorkDays;
        if (settings["workDays"] is JArray days)
        {
            workDays = days.Select(d => DayNames.TryGetValue(d.ToString(), out var day)
                ? day
                : throw new FormatException($"Setting workDays: '{d}' is not a day; use mon, tue, wed, thu, fri, sat or sun.")).ToHashSet();
        }

        var holidays = Default.Holidays;
        if (settings["holidays"] is JArray dates)
        {
            holidays = dates.Select(d => DateOnly.TryParseExact(d.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new FormatException($"Setting holidays: '{d}' is not a date; write it as yyyy-MM-dd, e.g. 2027-01-01.")).ToHashSet();
        }

        return new BusinessCalendar(zone, workDays, holidays);
    }

    public bool IsBusinessDay(DateOnly day) => WorkDays.Contains(day.DayOfWeek) && !Holidays.Contains(day);

    /// <summary><paramref name="day"/> itself when it is a working day, else the first working day after it.</summary>
    public DateOnly NextBusinessDay(DateOnly day)
    {
        // Terminates: at least one weekday works, and the holidays are a finite list.
        while (!IsBusinessDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary><paramref name="from"/> moved forward by <paramref name="delay"/> in this calendar.</summary>
    public DateTimeOffset Add(DateTimeOffset from, Delay delay) => Move(from, delay, 1);

    /// <summary><paramref name="from"/> moved back by <paramref name="delay"/> in this calendar (e.g. "two days before the lesson").</summary>
    public DateTimeOffset Subtract(DateTimeOffset from, Delay delay) => Move(from, delay, -1);

    private DateTimeOffset Move(DateTimeOffset from, Delay delay, int direction)
    {
        ArgumentNullException.ThrowIfNull(delay);
        ArgumentOutOfRangeException.ThrowIfNegative(delay.Amount);
        var amount = delay.Amount * direction;
        switch (delay.Unit)
        {
            case DelayUnit.Minutes:
                return from.AddMinutes(amount);
            case DelayUnit.Hours:
                return from.AddHours(amount);
        }

        var local = TimeZoneInfo.ConvertTime(from, Zone).DateTime;
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        switch (delay.Unit)
        {
            case DelayUnit.Days:
                date = date.AddDays(amount);
                break;
            case DelayUnit.Months:
                // DateOnly.AddMonths clamps to the month's last day (Jan 31 + 1 month = Feb 28 or 29).
                date = date.AddMonths(amount);
                break;
            default:
                for (var left = delay.Amount; left > 0;)
                {
                    date = date.AddDays(direction);
                    if (IsBusinessDay(date))
                    {
                        left--;
                    }
                }

                break;
        }

        return AtLocal(date, time);
    }

    /// <summary>A local date and time in this zone as an instant; a time skipped by a daylight-saving change moves forward by the gap.</summary>
    private DateTimeOffset AtLocal(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
