using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Plans;

namespace Crm.Connector.Templates.Tests;

public sealed class PlanCatalogTests
{
    [Theory]
    [InlineData("free", "free", true)]
    [InlineData("standard", "basic", true)]
    [InlineData("basic", "standard", false)]
    [InlineData("enterprise", "professional", true)]
    [InlineData("free", null, true)]
    public void Includes_Bitrix24Plans_FollowTheLadder(string portal, string? required, bool expected)
    {
        Assert.Equal(expected, PlanCatalog.Includes(CrmKind.Bitrix24, portal, required));
    }

    [Theory]
    [InlineData("crm-plus", "standard")]
    [InlineData("Team", "standard")]
    [InlineData("company", "professional")]
    [InlineData("start-plus", "basic")]
    [InlineData(" PROFESSIONAL ", "professional")]
    [InlineData("gold", null)]
    public void Normalize_Bitrix24Names_MapsAliasesToCanonicalPlans(string name, string? expected)
    {
        Assert.Equal(expected, PlanCatalog.Normalize(CrmKind.Bitrix24, name));
    }

    [Fact]
    public void Max_TwoPlans_IsTheHigher()
    {
        Assert.Equal("standard", PlanCatalog.Max(CrmKind.Bitrix24, "basic", "standard"));
        Assert.Equal("basic", PlanCatalog.Max(CrmKind.Bitrix24, null, "basic"));
        Assert.Equal("advanced", PlanCatalog.Max(CrmKind.AmoCrm, "advanced", "base"));
    }

    [Fact]
    public void Rank_UnknownPlan_Throws()
    {
        Assert.Throws<ArgumentException>(() => PlanCatalog.Rank(CrmKind.AmoCrm, "standard"));
    }
}
