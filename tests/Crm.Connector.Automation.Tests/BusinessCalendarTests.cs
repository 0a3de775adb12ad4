using System.Globalization;
using Crm.Connector.Automation.Time;
using Crm.Connector.Templates.Model;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Automation.Tests;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Moscow = BusinessCalendar.Default;

    [Theory]
    [InlineData("2026-03-06T09:00:00+03:00", 1, "2026-03-09T09:00:00+03:00")] // Friday → Monday
    [InlineData("2026-03-02T17:30:00+03:00", 3, "2026-03-05T17:30:00+03:00")] // Monday → Thursday
    [InlineData("2026-03-07T12:00:00+03:00", 1, "2026-03-09T12:00:00+03:00")] // Saturday counts from Sunday → Monday
    [InlineData("2026-03-06T22:30:00+00:00", 1, "2026-03-09T01:30:00+03:00")] // Friday 22:30 UTC is already Saturday 01:30 in Moscow: the local date decides
    public void BusinessDays_SkipTheWeekend(string from, int days, string expected) =>
        Assert.Equal(Parse(expected), Moscow.Add(Parse(from), Delay.BusinessDays(days)));

    [Fact]
    public void BusinessDays_SkipHolidaysFromTheSettings()
    {
        var calendar = BusinessCalendar.From(new JObject { ["holidays"] = new JArray("2026-03-09", "2026-03-10") });

        Assert.Equal(Parse("2026-03-11T09:00:00+03:00"), calendar.Add(Parse("2026-03-06T09:00:00+03:00"), Delay.BusinessDays(1)));
        Assert.Equal(Parse("2026-03-06T09:00:00+03:00"), calendar.Subtract(Parse("2026-03-11T09:00:00+03:00"), Delay.BusinessDays(1)));
    }

    [Theory]
    [InlineData("2026-01-31T10:00:00+03:00", 1, "2026-02-28T10:00:00+03:00")]
    [InlineData("2028-01-31T10:00:00+03:00", 1, "2028-02-29T10:00:00+03:00")]
    [InlineData("2026-12-15T10:00:00+03:00", 12, "2027-12-15T10:00:00+03:00")]
    public void Months_ClampToTheMonthsLastDay(string from, int months, string expected) =>
        Assert.Equal(Parse(expected), Moscow.Add(Parse(from), Delay.Months(months)));

    [Fact]
    public void DaysKeepTheLocalTimeAcrossDaylightSaving_HoursAreElapsedTime()
    {
        var berlin = BusinessCalendar.From(new JObject { ["timeZone"] = "Europe/Berlin", ["workDays"] = new JArray("mon", "tue", "wed", "thu", "fri", "sat", "sun") });
        var saturday = Parse("2026-03-28T09:00:00+01:00");

        Assert.Equal(Parse("2026-03-29T09:00:00+02:00"), berlin.Add(saturday, Delay.Days(1)));
        Assert.Equal(Parse("2026-03-29T10:00:00+02:00"), berlin.Add(saturday, Delay.Hours(24)));
        Assert.Equal(Parse("2026-03-29T09:00:00+02:00"), berlin.Add(saturday, Delay.BusinessDays(1)));
    }

    [Theory]
    [InlineData("{\"timeZone\":\"Mars/Olympus\"}", "timeZone")]
    [InlineData("{\"workDays\":[\"mon\",\"funday\"]}", "workDays")]
    [InlineData("{\"holidays\":[\"01.01.2027\"]}", "holidays")]
    public void From_BadSetting_NamesItAndTheFix(string json, string setting)
    {
        var error = Assert.Throws<FormatException>(() => BusinessCalendar.From(JObject.Parse(json)));

        Assert.StartsWith($"Setting {setting}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeDelay_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Moscow.Add(Parse("2026-03-02T09:00:00+03:00"), Delay.Days(-1)));

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
