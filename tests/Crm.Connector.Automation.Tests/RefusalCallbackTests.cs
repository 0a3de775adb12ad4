using System.Globalization;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Automation.Time;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Processes;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Automation.Tests;

/// <summary>
/// Seed 001's refusal robot: lost on days 1–15 → the 1st of next month, later → the 15th, in the portal's time zone;
/// counted from when the deal entered the failure stage, and moved off days off and holidays.
/// </summary>
public sealed class RefusalCallbackTests
{
    private static readonly RefusalCallbackProcess Process = new()
    {
        Key = "refusal-callback",
        ReasonField = "REFUSAL_REASON",
        CallbackTitle = LocalizedText.Plain("Повторный звонок"),
        CallbackDescription = LocalizedText.Plain("Клиент отказался: {REFUSAL_REASON}. Предложите ещё раз."),
    };

    /// <summary>Moscow, Monday to Friday, no holidays.</summary>
    private static readonly BusinessCalendar Moscow = BusinessCalendar.Default;

    [Theory]
    [InlineData("2026-03-01T12:00:00+03:00", "2026-04-01T10:00:00+03:00")]
    [InlineData("2026-03-15T23:59:00+03:00", "2026-04-01T10:00:00+03:00")] // the 15th belongs to the first half
    [InlineData("2026-03-16T00:00:00+03:00", "2026-04-15T10:00:00+03:00")]
    [InlineData("2026-03-31T18:00:00+03:00", "2026-04-15T10:00:00+03:00")]
    [InlineData("2026-12-20T10:00:00+03:00", "2027-01-15T10:00:00+03:00")] // December rolls into January
    [InlineData("2026-12-31T23:00:00+03:00", "2027-01-15T10:00:00+03:00")]
    [InlineData("2028-02-29T12:00:00+03:00", "2028-03-15T10:00:00+03:00")]
    [InlineData("2026-03-15T21:30:00+00:00", "2026-04-15T10:00:00+03:00")] // 21:30 UTC on the 15th is already the 16th in Moscow
    public void Due_FollowsTheHalfOfTheMonthTheDealWasLostIn(string lostAt, string expected) =>
        Assert.Equal(Parse(expected), RefusalCallback.Due(Parse(lostAt), Process, Moscow));

    [Fact]
    public void Due_CallbackDayBeyondTheMonth_IsItsLastDay()
    {
        // 28 February 2026 is a Saturday: kept here, so only the month's end is tested.
        var late = Process with { SecondHalfCallbackDay = 31, MoveToWorkingDay = false };

        Assert.Equal(Parse("2026-02-28T10:00:00+03:00"), RefusalCallback.Due(Parse("2026-01-20T10:00:00+03:00"), late, Moscow));
    }

    [Theory]
    [InlineData("2026-12-10T12:00:00+03:00", "2027-01-01", "mon,tue,wed,thu,fri", true, "2027-01-04T10:00:00+03:00")] // 1 January (a Friday) is a holiday, then the weekend
    [InlineData("2026-12-10T12:00:00+03:00", "2027-01-01,2027-01-02,2027-01-03,2027-01-04,2027-01-05,2027-01-06,2027-01-07,2027-01-08", "mon,tue,wed,thu,fri", true, "2027-01-11T10:00:00+03:00")] // the New Year holidays
    [InlineData("2026-10-20T12:00:00+03:00", "", "mon,tue,wed,thu,fri", true, "2026-11-16T10:00:00+03:00")] // 15 November is a Sunday
    [InlineData("2026-07-03T12:00:00+03:00", "", "mon,tue,wed,thu,fri", true, "2026-08-03T10:00:00+03:00")] // 1 August is a Saturday
    [InlineData("2026-07-03T12:00:00+03:00", "", "mon,tue,wed,thu,fri,sat", true, "2026-08-01T10:00:00+03:00")] // … a working day where Saturdays are
    [InlineData("2026-08-05T12:00:00+03:00", "2026-08-31", "mon,tue,wed,thu,fri", true, "2026-09-01T10:00:00+03:00")] // a working day stays
    [InlineData("2026-12-10T12:00:00+03:00", "2027-01-01", "mon,tue,wed,thu,fri", false, "2027-01-01T10:00:00+03:00")] // the template turned it off
    public void Due_OnADayOffOrAHoliday_MovesToTheNextWorkingDay(string lostAt, string holidays, string workDays, bool move, string expected)
    {
        var settings = new JObject
        {
            ["timeZone"] = "Europe/Moscow",
            ["workDays"] = new JArray(workDays.Split(',')),
            ["holidays"] = new JArray(holidays.Split(',', StringSplitOptions.RemoveEmptyEntries)),
        };

        var due = RefusalCallback.Due(Parse(lostAt), Process with { MoveToWorkingDay = move }, BusinessCalendar.From(settings));

        Assert.Equal(Parse(expected), due);
    }

    [Fact]
    public void MoveToWorkingDay_NotSetInTheTemplate_IsOn() => Assert.True(new RefusalCallbackProcess().MoveToWorkingDay);

    [Fact]
    public void Due_MalformedTime_NamesTheSetting()
    {
        var error = Assert.Throws<FormatException>(() => RefusalCallback.Due(Parse("2026-01-20T10:00:00+03:00"), Process with { CallbackTime = "10am" }, Moscow));

        Assert.Contains("callbackTime", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WithoutAReason_AsksAndSendsTheDealBack()
    {
        var decision = new RefusalCallback().Decide(Process, Deal(null), Context("2026-03-10T12:00:00+03:00"));

        Assert.True(decision.ReturnToPreviousStage);
        Assert.Empty(decision.Callbacks);
        Assert.Equal(RecipientKind.Responsible, Assert.Single(decision.Notices).To.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t \n")]
    public void Decide_AReasonOfOnlySpaces_IsNoReason(string blank)
    {
        var decision = new RefusalCallback().Decide(Process, Deal(blank), Context("2026-03-10T12:00:00+03:00"));

        Assert.True(decision.ReturnToPreviousStage);
        Assert.Empty(decision.Callbacks);
    }

    [Fact]
    public void Decide_WithAReason_PlansTheCallBackWithTheReasonInIt()
    {
        var context = Context("2026-03-20T12:00:00+03:00") with { Describe = (_, value) => value as string == "EXPENSIVE" ? "Дорого" : "?" };

        var decision = new RefusalCallback().Decide(Process, Deal("EXPENSIVE"), context);

        var callback = Assert.Single(decision.Callbacks);
        Assert.Equal((Parse("2026-04-15T10:00:00+03:00"), "Клиент отказался: Дорого. Предложите ещё раз."), (callback.Due, callback.Description));
        Assert.False(decision.ReturnToPreviousStage);
    }

    [Theory]
    [InlineData("2026-03-15T23:55:00+03:00", "2026-03-16T00:05:00+03:00", "2026-04-01T10:00:00+03:00")] // lost on the 15th, seen after midnight
    [InlineData("2026-03-15T20:55:00+00:00", "2026-03-16T00:05:00+03:00", "2026-04-01T10:00:00+03:00")] // the same moment, written in UTC
    [InlineData("2026-03-31T23:50:00+03:00", "2026-04-01T00:10:00+03:00", "2026-04-15T10:00:00+03:00")] // lost in March, seen in April
    [InlineData("2026-03-10T09:00:00+03:00", "2026-03-20T12:00:00+03:00", "2026-04-01T10:00:00+03:00")] // seen days later (the app was down)
    [InlineData(null, "2026-03-16T00:05:00+03:00", "2026-04-15T10:00:00+03:00")] // no stage-change time: the moment of the decision
    public void Decide_CountsFromWhenTheDealEnteredTheStage_NotWhenItWasSeen(string? stageChangedAt, string now, string expected)
    {
        var deal = Deal("EXPENSIVE");
        deal = deal with { Fields = new Dictionary<string, object?>(deal.Fields) { [BuiltInFields.StageChangedAt] = stageChangedAt } };

        var decision = new RefusalCallback().Decide(Process, deal, Context(now));

        Assert.Equal(Parse(expected), Assert.Single(decision.Callbacks).Due);
    }

    private static ProcessContext Context(string now) => ProcessContext.At(Parse(now), BusinessCalendar.Default);

    private static ItemState Deal(string? reason) =>
        new("deal", 4, new Dictionary<string, object?> { ["stage"] = "CHANGED_MIND", ["title"] = "Ремонт", ["REFUSAL_REASON"] = reason });

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
