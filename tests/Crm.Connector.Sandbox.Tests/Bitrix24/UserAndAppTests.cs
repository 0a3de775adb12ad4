using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>Users, departments, profile, scope and app.info (bitrix24-rest.md §1.6, §13).</summary>
public sealed class UserAndAppTests : SandboxTest
{
    [Fact]
    public async Task UserGet_ReturnsTheSeededUsers()
    {
        var reply = await Rest.WebhookAsync("user.get");
        var users = reply.Ok();
        var anna = users.Single(u => u.Value<string>("ID") == "2");

        Assert.Equal(["1", "2", "3", "4"], users.Select(u => u.Value<string>("ID")));
        Assert.Equal(4, reply.Body.Value<int>("total"));
        Assert.Equal(("Анна", "Менеджер", true), (anna.Value<string>("NAME"), anna.Value<string>("LAST_NAME"), anna.Value<bool>("ACTIVE")));
        Assert.Equal([2], anna["UF_DEPARTMENT"]!.Values<int>());
        Assert.NotNull(anna.Value<string>("EMAIL"));
        Assert.NotNull(anna.Value<string>("TIME_ZONE"));
    }

    [Fact]
    public async Task UserGet_FilterByIdOrDepartment_Works()
    {
        var one = (await Rest.WebhookAsync("user.get", """{"ID":4}""")).Ok();
        var sales = (await Rest.WebhookAsync("user.get", """{"filter":{"UF_DEPARTMENT":2,"ACTIVE":"Y"}}""")).Ok();

        Assert.Equal("Виктор", Assert.Single(one).Value<string>("NAME"));
        Assert.Equal(["2", "3", "4"], sales.Select(u => u.Value<string>("ID")));
    }

    [Fact]
    public async Task DepartmentGet_HasHeadsAndParent()
    {
        var departments = (await Rest.WebhookAsync("department.get")).Ok();
        var sales = departments.Single(d => d.Value<string>("ID") == "2");

        Assert.Equal(("Отдел продаж", "1", "4"), (sales.Value<string>("NAME"), sales.Value<string>("PARENT"), sales.Value<string>("UF_HEAD")));
        Assert.Equal(("Компания", "1"), (departments[0]!.Value<string>("NAME"), departments[0]!.Value<string>("UF_HEAD")));
        Assert.Null(departments[0]!["PARENT"]);
    }

    [Fact]
    public async Task Profile_IsTheCallingUser() // §1.6
    {
        var profile = (await Rest.OAuthAsync(Sandbox.IssueTokens(3).AccessToken, "profile")).Ok();

        Assert.Equal(["ID", "ADMIN", "NAME", "LAST_NAME", "PERSONAL_GENDER", "TIME_ZONE", "TIME_ZONE_OFFSET"], ((JObject)profile).Properties().Select(p => p.Name));
        Assert.Equal(("3", false, "Борис"), (profile.Value<string>("ID"), profile.Value<bool>("ADMIN"), profile.Value<string>("NAME")));
    }

    [Theory]
    [InlineData("free", "ru_free", "free")]
    [InlineData("basic", "ru_basic", "basic")]
    [InlineData("standard", "ru_std", "std")]
    [InlineData("professional", "ru_pro100", "pro")]
    [InlineData("enterprise", "ru_ent250", "ent")]
    public async Task AppInfo_LicenseFollowsThePlan(string plan, string license, string family) // §13 (free UNCONFIRMED)
    {
        await using var sandbox = await Sandboxes.StartAsync(Sandboxes.Roomy() with { Plan = plan });
        var rest = new RawRest(sandbox);

        var info = (await rest.OAuthAsync(sandbox.IssueTokens().AccessToken, "app.info")).Ok();

        Assert.Equal((license, family), (info.Value<string>("LICENSE"), info.Value<string>("LICENSE_FAMILY")));
        Assert.Equal(("P", true, "N", 30, "ru"), (info.Value<string>("STATUS"), info.Value<bool>("INSTALLED"), info.Value<string>("PAYMENT_EXPIRED"), info.Value<int>("DAYS"), info.Value<string>("LANGUAGE_ID")));
        Assert.Equal(plan, sandbox.Plan);
    }

    [Fact]
    public async Task Start_UnknownPlan_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Sandboxes.StartAsync(Sandboxes.Roomy() with { Plan = "galactic" }));
    }

    [Fact]
    public async Task Scope_FullTrue_ListsEveryScope() // §1.6
    {
        await using var sandbox = await Sandboxes.StartAsync(Sandboxes.Roomy() with { WebhookScopes = "crm,user" });
        var rest = new RawRest(sandbox);

        var granted = (await rest.WebhookAsync("scope")).Ok();
        var full = (await rest.WebhookAsync("scope", """{"full":true}""")).Ok();

        Assert.Equal(["crm", "user"], granted.Values<string>());
        Assert.Contains("task", full.Values<string>());
        Assert.Equal(HttpStatusCode.OK, (await rest.WebhookAsync("user.get")).Status);
    }
}
