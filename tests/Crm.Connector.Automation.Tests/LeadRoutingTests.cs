using Crm.Connector.Automation.Processes;

namespace Crm.Connector.Automation.Tests;

/// <summary>Routing a qualified lead never makes a second deal: what the portal already holds for the lead decides.</summary>
public sealed class LeadRoutingTests
{
    private static readonly LeadRoute Route = new("instructors", "CANDIDATE", new Dictionary<string, object?> { ["CATEGORY"] = "C", ["title"] = "Кандидат" }, CreateContact: true, CreateCompany: false);

    [Fact]
    public void NothingMadeFromTheLead_TheDealAndContactAreCreated()
    {
        var plan = LeadRouting.Plan(Route, LeadConversionState.None);

        Assert.Equal((true, true, (string?)null), (plan.CreateDeal, plan.CreateContact, plan.ContactId));
    }

    [Fact]
    public void ConvertedInThePortal_NoSecondDeal_TheDealsEmptyFieldsFilled()
    {
        var portalDeal = new ItemState("deal", 40, new Dictionary<string, object?> { ["CATEGORY"] = "  ", ["title"] = "Сделка из лида" });

        var plan = LeadRouting.Plan(Route, new LeadConversionState([portalDeal], "12", null));

        Assert.False(plan.CreateDeal);
        Assert.False(plan.CreateContact);
        var fill = Assert.Single(plan.Fill);
        Assert.Equal(40, fill.Key);
        Assert.Equal(new Dictionary<string, object?> { ["CATEGORY"] = "C" }, fill.Value);
        Assert.Contains("already converted", plan.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void LeadBoundToAContact_TheDealUsesIt_NoSecondContact()
    {
        var plan = LeadRouting.Plan(Route, new LeadConversionState([], "12", null));

        Assert.Equal((true, false, "12"), (plan.CreateDeal, plan.CreateContact, plan.ContactId));
    }

    [Fact]
    public void ManualConversion_CreatesNothing()
    {
        var plan = LeadRouting.Plan(Route with { Automatic = false }, LeadConversionState.None);

        Assert.False(plan.CreateDeal);
        Assert.False(plan.CreateContact);
        Assert.Contains("manual", plan.Why, StringComparison.Ordinal);
    }
}
