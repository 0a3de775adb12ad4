using Crm.Connector.Automation.Engine;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Conditions;
using Crm.Connector.Testing;

namespace Crm.Connector.Automation.Tests;

/// <summary>The engine on the real templates' automations: what fires on a change, what waits, what stops waiting, what a due check does.</summary>
public sealed class AutomationEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(3));

    [Fact]
    public void AutoDealer_LeadCreated_NotifiesNowAndSchedulesTheOneAndTwoHourChecks()
    {
        var engine = Engine("auto-dealer");

        var outcome = engine.OnChange(ItemChange.Between(null, Lead(7, "NEW", "process"), created: true), Now);

        Assert.Equal(["lead-created-notify"], outcome.Runs.Select(r => r.Automation.Key));
        Assert.Equal(
            [("lead-convert-reminder:lead:7:created", Now.AddHours(1)), ("lead-supervisor-escalate:lead:7:created", Now.AddHours(2))],
            outcome.Schedule.Select(s => (s.Key, s.DueAt)).Order());
        Assert.Contains("the item was created", outcome.Runs[0].Cause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("process", true)]
    [InlineData("success", false)]
    public void AutoDealer_ConvertReminderDue_FiresOnlyWhileTheLeadIsStillInProgress(string semantics, bool fires)
    {
        var engine = Engine("auto-dealer");
        var check = engine.OnChange(ItemChange.Between(null, Lead(7, "NEW", "process"), created: true), Now).Schedule.Single(s => s.AutomationKey == "lead-convert-reminder");

        var due = engine.OnDue(check, Lead(7, semantics == "process" ? "NEW" : "CONVERTED", semantics), check.DueAt);

        Assert.Equal(fires, due.Runs.Count == 1);
        Assert.Empty(due.Schedule);
    }

    [Fact]
    public void StageEntered_OnlyInTheAutomationsPipeline()
    {
        var engine = Engine("auto-dealer");

        var repair = engine.OnChange(ItemChange.Between(Deal(5, "repair", "DIAGNOSTICS"), Deal(5, "repair", "ANALYSIS"), created: false), Now);
        var shop = engine.OnChange(ItemChange.Between(Deal(6, "shop", "DIAGNOSTICS"), Deal(6, "shop", "ANALYSIS"), created: false), Now);

        Assert.Equal(["repair-analysis"], repair.Runs.Select(r => r.Automation.Key));
        Assert.Empty(shop.Runs);
    }

    [Fact]
    public void InStage_EnteringSchedulesLeavingCancels_AndTheDueCheckRepeatsWhileItStays()
    {
        var engine = Engine("auto-dealer");

        var entered = engine.OnChange(ItemChange.Between(Deal(5, "repair", "IN_REPAIR"), Deal(5, "repair", "PAYMENT", "2026-03-02T09:00:00+03:00"), created: false), Now);
        var check = Assert.Single(entered.Schedule);
        Assert.Equal(("payment-reminder", "PAYMENT", Now.AddDays(1)), (check.AutomationKey, check.Stage, check.DueAt));
        Assert.Equal(["payment-notify", "repair-payment-fields"], entered.Runs.Select(r => r.Automation.Key).Order(StringComparer.Ordinal));

        var first = engine.OnDue(check, Deal(5, "repair", "PAYMENT"), check.DueAt);
        var next = Assert.Single(first.Schedule);
        Assert.Single(first.Runs);
        Assert.Equal((1, check.DueAt.AddDays(1), check.Key + ":r1"), (next.Repeat, next.DueAt, next.Key));
        var second = engine.OnDue(next, Deal(5, "repair", "PAYMENT"), next.DueAt);
        Assert.Equal(check.Key + ":r2", Assert.Single(second.Schedule).Key);
        Assert.NotEqual(first.Runs[0].OccurrenceKey, second.Runs[0].OccurrenceKey);

        var left = engine.OnChange(ItemChange.Between(Deal(5, "repair", "PAYMENT"), Deal(5, "repair", "WON"), created: false), Now);
        Assert.Equal(["payment-reminder:deal:5:instage:"], left.Cancel);
        Assert.StartsWith(left.Cancel[0], check.Key, StringComparison.Ordinal);
        Assert.Empty(engine.OnDue(next, Deal(5, "repair", "WON"), next.DueAt).Runs);
    }

    [Fact]
    public void SameChangeSeenTwice_HasTheSameOccurrenceKey_ALaterChangeAnother()
    {
        var engine = Engine("auto-dealer");
        ItemChange Move(string modified) => ItemChange.Between(Deal(5, "repair", "DIAGNOSTICS"), Deal(5, "repair", "ANALYSIS", modified), created: false);

        var once = engine.OnChange(Move("2026-03-02T09:00:00+03:00"), Now).Runs.Single().OccurrenceKey;
        var again = engine.OnChange(Move("2026-03-02T09:00:00+03:00"), Now.AddMinutes(5)).Runs.Single().OccurrenceKey;
        var later = engine.OnChange(Move("2026-03-05T12:00:00+03:00"), Now.AddDays(3)).Runs.Single().OccurrenceKey;

        Assert.Equal(once, again);
        Assert.NotEqual(once, later);
    }

    [Fact]
    public void TwoEntriesIntoAStageWithinOneSecond_AreTwoOccurrences()
    {
        var engine = Engine("auto-dealer");
        const string second = "2026-03-02T09:00:00+03:00";
        var returned = Deal(5, "repair", "INFO", second);
        var lostWithoutReason = Deal(5, "repair", "CHANGED_MIND", second);
        var lostWithReason = lostWithoutReason with { Fields = new Dictionary<string, object?>(lostWithoutReason.Fields) { ["REFUSAL_REASON"] = "дорого" } };

        var first = engine.OnChange(ItemChange.Between(Deal(5, "repair", "INFO", second), lostWithoutReason, created: false), Now).Runs.Single();
        var again = engine.OnChange(ItemChange.Between(returned, lostWithReason, created: false), Now).Runs.Single();

        Assert.Equal("refusal", first.Automation.Key);
        Assert.NotEqual(first.OccurrenceKey, again.OccurrenceKey);
    }

    [Fact]
    public void FieldChanged_FirstSightCountsOnlyFilledFields()
    {
        var engine = Engine("driving-school");
        var blank = new ItemState("deal", 9, new Dictionary<string, object?> { ["stage"] = "COLLECT", ["pipeline"] = "new-client", ["TEST_RULES"] = null });
        var filled = blank with { Fields = new Dictionary<string, object?>(blank.Fields) { ["TEST_RULES"] = 80m } };

        Assert.Empty(engine.OnChange(ItemChange.Between(null, blank, created: false), Now).Runs);
        Assert.Equal(["admission-recalculate"], engine.OnChange(ItemChange.Between(null, filled, created: false), Now).Runs.Select(r => r.Automation.Key));
        Assert.Equal(["admission-recalculate"], engine.OnChange(ItemChange.Between(filled, blank, created: false), Now).Runs.Select(r => r.Automation.Key));
    }

    [Fact]
    public void DrivingSchoolOffice_StatusWithReasons_RequiresAReasonFromThatStatusesOwnList()
    {
        var engine = Engine("driving-school-office");
        ItemState Lead(string stage) => new("lead", 3, new Dictionary<string, object?> { ["stage"] = stage });

        var waiting = engine.OnChange(ItemChange.Between(Lead("NEW"), Lead("WAITING"), created: false), Now);
        var refused = engine.OnChange(ItemChange.Between(Lead("NEW"), Lead("REFUSED"), created: false), Now);

        var run = Assert.Single(waiting.Runs, r => r.Automation.Key.StartsWith("reasons/", StringComparison.Ordinal));
        Assert.Equal("reasons/leads/WAITING", run.Automation.Key);
        var reason = Assert.IsType<Rules.RequireReasonAction>(Assert.Single(run.Automation.Actions));
        Assert.Equal("STATUS_REASON", reason.Field);
        Assert.Equal(["WAIT_GROUP", "WAIT_LATER", "WAIT_MONEY"], reason.Allowed);
        var refusal = Assert.IsType<Rules.RequireReasonAction>(Assert.Single(Assert.Single(refused.Runs, r => r.Automation.Key == "reasons/leads/REFUSED").Automation.Actions));
        Assert.DoesNotContain("WAIT_GROUP", refusal.Allowed);
    }

    [Theory]
    [InlineData("EXTRA_INFO", false)]
    [InlineData("CONTRACT", true)]
    [InlineData("INVOICE", true)]
    [InlineData("CERTIFICATE", true)]
    [InlineData("LOSE", false)]
    public void DrivingSchool_PassportRequiredFromTheContractStageOn_NotWhenLost(string stage, bool checkedThere)
    {
        var engine = Engine("driving-school");

        var runs = engine.OnChange(ItemChange.Between(Deal(4, "new-client", "COLLECT"), Deal(4, "new-client", stage), created: false), Now).Runs;

        var required = runs.Where(r => r.Automation.Key == "required/new-client/PASSPORT").ToList();
        Assert.Equal(checkedThere, required.Count == 1);
        if (checkedThere)
        {
            Assert.Equal(["PASSPORT"], Assert.IsType<Templates.Model.Actions.RequireFieldsAction>(Assert.Single(required[0].Automation.Actions)).Fields);
            Assert.Same(required[0], runs[0]);
        }
    }

    [Fact]
    public void DrivingSchool_GoalRequiredAtConversion_ComesBeforeTheRouting()
    {
        var engine = Engine("driving-school");

        var runs = engine.OnChange(ItemChange.Between(Lead(8, "QUALIFICATION", "process"), Lead(8, "CONVERTED", "success"), created: false), Now).Runs;

        Assert.Equal("required/leads/GOAL", runs[0].Automation.Key);
        Assert.Contains(runs, r => r.Automation.Key == "lead-qualified-route");
    }

    [Fact]
    public void DrivingSchoolOffice_GroupRequiredWhenEnrolled_AndTheRegistrarKeptOnceSet()
    {
        var engine = Engine("driving-school-office");
        ItemState Lead(string stage, string? registrar) => new("lead", 3, new Dictionary<string, object?> { ["stage"] = stage, ["REGISTRAR"] = registrar });

        var enrolled = engine.OnChange(ItemChange.Between(Lead("WAITING", "1"), Lead("ENROLLED", "1"), created: false), Now).Runs;
        var changed = engine.OnChange(ItemChange.Between(Lead("NEW", "1"), Lead("NEW", "7"), created: false), Now).Runs;

        Assert.Equal(["GROUP"], Assert.IsType<Templates.Model.Actions.RequireFieldsAction>(Assert.Single(Assert.Single(enrolled, r => r.Automation.Key == "required/leads/GROUP").Automation.Actions)).Fields);
        Assert.Equal("REGISTRAR", Assert.IsType<Rules.KeepSetOnceAction>(Assert.Single(Assert.Single(changed, r => r.Automation.Key == "set-once/lead/REGISTRAR").Automation.Actions)).Field);
    }

    [Fact]
    public void ImpliedRules_FollowWhatThePlanInstalled()
    {
        var engine = Engine("driving-school-office", enabled: new HashSet<string>(StringComparer.Ordinal) { "registrar" });
        ItemState Lead(string stage) => new("lead", 3, new Dictionary<string, object?> { ["stage"] = stage });

        Assert.Empty(engine.OnChange(ItemChange.Between(Lead("NEW"), Lead("WAITING"), created: false), Now).Runs);
    }

    [Fact]
    public void NotInstalledByThePlan_NeverFires()
    {
        var engine = Engine("auto-dealer", enabled: new HashSet<string>(["lead-convert-reminder"], StringComparer.Ordinal));

        var outcome = engine.OnChange(ItemChange.Between(null, Lead(7, "NEW", "process"), created: true), Now);

        Assert.Empty(outcome.Runs);
        Assert.Equal(["lead-convert-reminder"], outcome.Schedule.Select(s => s.AutomationKey));
    }

    [Fact]
    public void BodyShop_YearAfterClosing_IsScheduledTwelveMonthsOn()
    {
        var engine = Engine("body-shop");

        var outcome = engine.OnChange(ItemChange.Between(Deal(3, "body-repair", "WAIT_PAYMENT"), Deal(3, "body-repair", "WON"), created: false), Now);

        Assert.Contains(outcome.Schedule, s => s.AutomationKey == "year-later-email" && s.DueAt == Now.AddMonths(12));
    }

    private static AutomationEngine Engine(string name, IReadOnlySet<string>? enabled = null)
    {
        var loaded = TemplateLoader.LoadFileAsync(Repository.PathOf("templates", "bitrix24", name + ".json")).GetAwaiter().GetResult();
        return new AutomationEngine(loaded.Template ?? throw new InvalidOperationException(string.Join("; ", loaded.Errors)), Holds, new PlainCalendar(), enabled);
    }

    /// <summary>Enough of a condition evaluator for the trigger tests (conditions have their own tests): single-valued eq / ne / in.</summary>
    private static bool Holds(Condition? condition, ItemState item) => condition switch
    {
        null => true,
        FieldCondition { Op: ConditionOperator.Equal } f => FieldValues.Text(item[f.Field]) == f.Values[0].Text,
        FieldCondition { Op: ConditionOperator.NotEqual } f => FieldValues.Text(item[f.Field]) != f.Values[0].Text,
        FieldCondition { Op: ConditionOperator.In } f => f.Values.Any(v => v.Text == FieldValues.Text(item[f.Field])),
        AllCondition all => all.All.All(c => Holds(c, item)),
        AnyCondition any => any.Any.Any(c => Holds(c, item)),
        _ => throw new NotSupportedException(condition.ToString()),
    };

    private static ItemState Lead(long id, string stage, string semantics) =>
        new("lead", id, new Dictionary<string, object?> { ["stage"] = stage, ["stageSemantics"] = semantics });

    private static ItemState Deal(long id, string pipeline, string stage, string? modified = null) =>
        new("deal", id, new Dictionary<string, object?> { ["stage"] = stage, ["pipeline"] = pipeline, ["modified"] = modified });

    /// <summary>Calendar days and every day a business day: the engine's own arithmetic is not under test here.</summary>
    private sealed class PlainCalendar : IDelayArithmetic
    {
        public DateTimeOffset Add(DateTimeOffset from, Delay delay) => delay.Unit switch
        {
            DelayUnit.Minutes => from.AddMinutes(delay.Amount),
            DelayUnit.Hours => from.AddHours(delay.Amount),
            DelayUnit.Months => from.AddMonths(delay.Amount),
            _ => from.AddDays(delay.Amount),
        };

        public DateTimeOffset Subtract(DateTimeOffset from, Delay delay) => Add(from, delay with { Amount = -delay.Amount });
    }
}
