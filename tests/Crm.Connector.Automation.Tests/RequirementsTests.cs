using Crm.Connector.Automation.Rules;

namespace Crm.Connector.Automation.Tests;

/// <summary>Required fields, stage reasons and set-once fields as pure checks: blank is missing, a reason must be the stage's own.</summary>
public sealed class RequirementsTests
{
    private static readonly string[] Waiting = ["WAIT_GROUP", "WAIT_LATER", "WAIT_MONEY"];

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData(" 4510 123456 ", false)]
    public void Missing_BlankCountsAsMissing(string? passport, bool missing)
    {
        var item = new ItemState("deal", 1, new Dictionary<string, object?> { ["PASSPORT"] = passport });

        Assert.Equal(missing, Requirements.Missing(item, ["PASSPORT"]).Count == 1);
    }

    [Theory]
    [InlineData(null, ReasonVerdict.Missing)]
    [InlineData("  ", ReasonVerdict.Missing)]
    [InlineData("WAIT_LATER", ReasonVerdict.Given)]
    [InlineData("EXPENSIVE", ReasonVerdict.NotAllowed)]
    public void Reason_MustComeFromTheStagesOwnList(string? reason, ReasonVerdict expected)
    {
        var item = new ItemState("lead", 3, new Dictionary<string, object?> { ["STATUS_REASON"] = reason });

        Assert.Equal(expected, Requirements.Reason(item, "STATUS_REASON", Waiting));
    }

    [Fact]
    public void Reason_MultiList_NeedsOnlyOwnValues()
    {
        ItemState Item(params string[] values) => new("lead", 3, new Dictionary<string, object?> { ["R"] = values.ToList() });

        Assert.Equal(ReasonVerdict.Given, Requirements.Reason(Item("WAIT_GROUP", "WAIT_MONEY"), "R", Waiting));
        Assert.Equal(ReasonVerdict.NotAllowed, Requirements.Reason(Item("WAIT_GROUP", "SPAM"), "R", Waiting));
        Assert.Equal(ReasonVerdict.Missing, Requirements.Reason(Item(), "R", Waiting));
    }

    [Theory]
    [InlineData(null, "1", false, null)]
    [InlineData("1", "1", false, null)]
    [InlineData("1", "7", true, "1")]
    [InlineData("1", null, true, "1")]
    public void SetOnce_AChangedOrClearedValueGetsItsFirstBack_AFirstValueIsNoChange(string? before, string? after, bool restore, string? value)
    {
        ItemState Lead(string? registrar) => new("lead", 3, new Dictionary<string, object?> { ["REGISTRAR"] = registrar });

        var verdict = Requirements.SetOnce(ItemChange.Between(Lead(before), Lead(after), created: false), "REGISTRAR");

        Assert.Equal((restore, value), (verdict.Restore, verdict.Value as string));
    }

    [Fact]
    public void SetOnce_ItemSeenForTheFirstTime_IsNoChange() =>
        Assert.False(Requirements.SetOnce(ItemChange.Between(null, new ItemState("lead", 3, new Dictionary<string, object?> { ["REGISTRAR"] = "7" }), created: true), "REGISTRAR").Restore);
}
