namespace Crm.Connector.Automation.Tests;

public sealed class ItemChangeTests
{
    [Fact]
    public void Between_NoBefore_EveryFieldChangedButNoStageEnteredUnlessCreated()
    {
        var after = Item(("stage", "NEW"), ("X", 1));

        var seen = ItemChange.Between(null, after, created: false);
        var created = ItemChange.Between(null, after, created: true);

        Assert.Equal(["X", "stage"], seen.ChangedFields.Order(StringComparer.Ordinal));
        Assert.Null(seen.StageEntered);
        Assert.Equal("NEW", created.StageEntered);
    }

    [Fact]
    public void Between_NoBefore_BlanksAreNotChanges_SoAFirstSightOfAnUntouchedItemTriggersNothingOnThem()
    {
        var after = Item(("stage", "NEW"), ("SCORE_1", null), ("SCORE_2", ""), ("TITLE", "Ivanov"));

        var seen = ItemChange.Between(null, after, created: false);
        var created = ItemChange.Between(null, after, created: true);

        Assert.Equal(["TITLE", "stage"], seen.ChangedFields.Order(StringComparer.Ordinal));
        Assert.Equal(["TITLE", "stage"], created.ChangedFields.Order(StringComparer.Ordinal));
        Assert.False(new Processes.AdmissionScoring().IsTriggeredBy(
            new Templates.Model.Processes.AdmissionScoringProcess { Key = "a", ScoreFields = ["SCORE_1", "SCORE_2"], ResultField = "OK", Threshold = 100 },
            seen));
    }

    [Fact]
    public void Between_StageMoved_EntersTheNewStage()
    {
        var change = ItemChange.Between(Item(("stage", "NEW")), Item(("stage", "WORK")), created: false);

        Assert.Equal("WORK", change.StageEntered);
        Assert.Equal(["stage"], change.ChangedFields);
    }

    [Fact]
    public void Between_SameStageInAnotherPipeline_EntersIt()
    {
        var change = ItemChange.Between(Item(("stage", "NEW"), ("pipeline", "a")), Item(("stage", "NEW"), ("pipeline", "b")), created: false);

        Assert.Equal("NEW", change.StageEntered);
    }

    [Theory]
    [InlineData("5", 5, false)]
    [InlineData("5.0", 5, false)]
    [InlineData("", null, false)]
    [InlineData("a", "b", true)]
    [InlineData(true, false, true)]
    public void Between_ValuesThatMeanTheSame_AreNotChanges(object? before, object? after, bool changed)
    {
        var change = ItemChange.Between(Item(("X", before)), Item(("X", after)), created: false);

        Assert.Equal(changed, change.ChangedFields.Contains("X"));
    }

    private static ItemState Item(params (string Field, object? Value)[] fields) =>
        new("deal", 1, fields.ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal));
}
