using Crm.Connector.Automation.Processes;
using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Automation.Tests;

/// <summary>Seed 000, «Анализ допуска к итоговому тесту»: five results in 0..100, admitted at a sum of 425 or more.</summary>
public sealed class AdmissionScoringTests
{
    private static readonly AdmissionScoringProcess Process = new()
    {
        Key = "admission-scoring",
        ScoreFields = ["TEST_KOAP", "TEST_SAFETY", "TEST_VEHICLE", "TEST_FIRST_AID", "TEST_RULES"],
        Threshold = 425,
        ResultField = "TEST_ADMISSION",
        MinScore = 0,
        MaxScore = 100,
    };

    [Theory]
    [InlineData(new object?[] { 85, 85, 85, 85, 85 }, AdmissionStatus.Admitted, 425)]
    [InlineData(new object?[] { 100, 100, 100, 100, 25 }, AdmissionStatus.Admitted, 425)]
    [InlineData(new object?[] { 85, 85, 85, 85, 84 }, AdmissionStatus.NotAdmitted, 424)]
    [InlineData(new object?[] { "90", "90.5", "90", "90", "90" }, AdmissionStatus.Admitted, 450.5)]
    [InlineData(new object?[] { 100, 100, 100, 100, null }, AdmissionStatus.Incomplete, 400)]
    [InlineData(new object?[] { 100, 100, 100, 100, "" }, AdmissionStatus.Incomplete, 400)]
    [InlineData(new object?[] { 100, 100, 100, 100, 101 }, AdmissionStatus.Invalid, 400)]
    [InlineData(new object?[] { 100, 100, 100, 100, -1 }, AdmissionStatus.Invalid, 400)]
    [InlineData(new object?[] { 100, 100, 100, 100, "abc" }, AdmissionStatus.Invalid, 400)]
    [InlineData(new object?[] { 0, 0, 0, 0, 0 }, AdmissionStatus.NotAdmitted, 0)]
    public void Evaluate_Scores_GiveTheStatusAndTotal(object?[] scores, AdmissionStatus status, double total)
    {
        var result = AdmissionScoring.Evaluate([.. Process.ScoreFields.Zip(scores, (f, s) => (f, s))], Process.Threshold, Process.MinScore, Process.MaxScore);

        Assert.Equal((status, (decimal)total), (result.Status, result.Total));
    }

    [Fact]
    public void Evaluate_OutOfRangeAndBlank_NamesEachField()
    {
        var result = AdmissionScoring.Evaluate([("A", 150), ("B", null), ("C", 50)], 100, 0, 100);

        Assert.Equal(["A"], result.InvalidFields);
        Assert.Equal(["B"], result.MissingFields);
    }

    [Fact]
    public void Decide_Admitted_SetsTheResultFieldAndReturnsTheTotal()
    {
        var decision = new AdmissionScoring().Decide(Process, Item(90, 90, 90, 90, 90), ProcessContext.At(DateTimeOffset.UnixEpoch, Time.BusinessCalendar.Default));

        Assert.Equal(true, decision.SetFields["TEST_ADMISSION"]);
        Assert.Equal((object)true, decision.Returns["admitted"]);
        Assert.Equal(450m, decision.Returns["total"]);
        Assert.Empty(decision.Comments);
    }

    [Fact]
    public void Decide_OutOfRange_IsNotAdmittedAndSaysWhichResultWasRejected()
    {
        var decision = new AdmissionScoring().Decide(Process, Item(100, 100, 100, 100, 250), ProcessContext.At(DateTimeOffset.UnixEpoch, Time.BusinessCalendar.Default));

        Assert.Equal(false, decision.SetFields["TEST_ADMISSION"]);
        var comment = Assert.Single(decision.Comments);
        Assert.Contains("TEST_RULES", comment, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TEST_RULES", true)]
    [InlineData("TITLE_CHANGED", false)]
    public void IsTriggeredBy_AScoreChange_Only(string changed, bool expected)
    {
        var before = Item(1, 1, 1, 1, 1);
        var fields = new Dictionary<string, object?>(before.Fields) { [changed] = 2 };
        var change = ItemChange.Between(before, before with { Fields = fields }, created: false);

        Assert.Equal(expected, new AdmissionScoring().IsTriggeredBy(Process, change));
    }

    private static ItemState Item(params object?[] scores) =>
        new("deal", 42, Process.ScoreFields.Zip(scores, (f, s) => (f, s)).ToDictionary(p => p.f, p => p.s, StringComparer.Ordinal));
}
