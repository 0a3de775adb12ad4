using System.Globalization;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Automation.Time;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Automation.Tests;

/// <summary>Seed 001's refusal robot: lost on days 1–15 → the 1st of next month, later → the 15th, in the portal's time zone.</summary>
public sealed class RefusalCallbackTests
{
    private static readonly RefusalCallbackProcess Process = new()
    {
        Key = "refusal-callback",
        ReasonField = "REFUSAL_REASON",
        CallbackTitle = LocalizedText.Plain("Повторный звонок"),
        CallbackDescription = LocalizedText.Plain("Клиент отказался: {REFUSAL_REASON}. Предложите ещё раз."),
    };

    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

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
        var late = Process with { SecondHalfCallbackDay = 31 };

        Assert.Equal(Parse("2026-02-28T10:00:00+03:00"), RefusalCallback.Due(Parse("2026-01-20T10:00:00+03:00"), late, Moscow));
    }

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

    private static ProcessContext Context(string now) => ProcessContext.At(Parse(now), BusinessCalendar.Default);

    private static ItemState Deal(string? reason) =>
        new("deal", 4, new Dictionary<string, object?> { ["stage"] = "CHANGED_MIND", ["title"] = "Ремонт", ["REFUSAL_REASON"] = reason });

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
