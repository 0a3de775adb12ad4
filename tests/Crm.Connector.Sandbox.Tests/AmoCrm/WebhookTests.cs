using System.Net;
using Crm.Connector.Testing;

namespace Crm.Connector.Sandbox.Tests.AmoCrm;

/// <summary>amocrm-api.md §8: webhook subscriptions, the form-encoded payload, delivery and disabling.</summary>
public sealed class WebhookTests : AmoTest
{
    [Fact]
    public async Task StatusChange_IsPostedFormEncodedWithTheRealKeys()
    {
        await using var receiver = await HookReceiver.StartAsync();
        var destination = new Uri(receiver.Url, "hooks/amocrm/secret").AbsoluteUri;
        (await Api.PostAsync("/api/v4/webhooks", $$"""{"destination":"{{destination}}","settings":["status_lead"]}""")).Expect(HttpStatusCode.Created);
        var pipeline = (await Api.GetAsync("/api/v4/leads/pipelines")).Expect(HttpStatusCode.OK)["_embedded"]!["pipelines"]![0]!;
        var pipelineId = pipeline.Value<long>("id");
        var lead = (await Api.PostAsync("/api/v4/leads", """[{"name":"L"}]""")).Expect(HttpStatusCode.OK)["_embedded"]!["leads"]![0]!.Value<long>("id");
        var before = (await Api.GetAsync($"/api/v4/leads/{lead}")).Expect(HttpStatusCode.OK).Value<long>("status_id");

        (await Api.PatchAsync($"/api/v4/leads/{lead}", $$"""{"status_id":142,"pipeline_id":{{pipelineId}}}""")).Expect(HttpStatusCode.OK);
        var hook = await receiver.WaitForAsync(h => h["leads[status][0][id]"] is not null);

        Assert.Equal(("POST", "/hooks/amocrm/secret", "application/x-www-form-urlencoded"), (hook.Method, hook.Path, hook.ContentType.Split(';')[0]));
        Assert.Equal(lead.ToString(System.Globalization.CultureInfo.InvariantCulture), hook["leads[status][0][id]"]);
        Assert.Equal("142", hook["leads[status][0][status_id]"]);
        Assert.Equal(before.ToString(System.Globalization.CultureInfo.InvariantCulture), hook["leads[status][0][old_status_id]"]);
        Assert.Equal(pipelineId.ToString(System.Globalization.CultureInfo.InvariantCulture), hook["leads[status][0][pipeline_id]"]);
        Assert.Equal(Sandbox.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), hook["account[id]"]);
        Assert.Equal("school", hook["account[subdomain]"]);
        Assert.DoesNotContain(hook.Form, f => f.Key.StartsWith("leads[add]", StringComparison.Ordinal) || f.Key.StartsWith("leads[update]", StringComparison.Ordinal));
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Company_IsPostedUnderContactsWithTypeCompany()
    {
        await using var receiver = await HookReceiver.StartAsync();
        (await Api.PostAsync("/api/v4/webhooks", $$"""{"destination":"{{receiver.Url.AbsoluteUri}}","settings":["add_company"]}""")).Expect(HttpStatusCode.Created);

        (await Api.PostAsync("/api/v4/companies", """[{"name":"ООО Ромашка"}]""")).Expect(HttpStatusCode.OK);
        var hook = await receiver.WaitForAsync(h => h["contacts[add][0][id]"] is not null);

        Assert.Equal(("company", "ООО Ромашка"), (hook["contacts[add][0][type]"], hook["contacts[add][0][name]"]));
    }

    [Fact]
    public async Task Destination_FailingMoreThan100TimesInTwoHours_IsDisabled()
    {
        await using var receiver = await HookReceiver.StartAsync();
        receiver.StatusCode = 500;
        (await Api.PostAsync("/api/v4/webhooks", $$"""{"destination":"{{receiver.Url.AbsoluteUri}}","settings":["update_lead"]}""")).Expect(HttpStatusCode.Created);
        var lead = (await Api.PostAsync("/api/v4/leads", """[{"name":"L"}]""")).Expect(HttpStatusCode.OK)["_embedded"]!["leads"]![0]!.Value<long>("id");
        for (var i = 0; i < 100; i++)
        {
            (await Api.PatchAsync($"/api/v4/leads/{lead}", $$"""{"price":{{i}}}""")).Expect(HttpStatusCode.OK);
        }

        await Sandbox.WaitForWebhooksAsync();
        var after100 = (await Api.GetAsync("/api/v4/webhooks")).Expect(HttpStatusCode.OK)["_embedded"]!["webhooks"]![0]!.Value<bool>("disabled");
        (await Api.PatchAsync($"/api/v4/leads/{lead}", """{"price":1000}""")).Expect(HttpStatusCode.OK);
        await Sandbox.WaitForWebhooksAsync();
        var after101 = (await Api.GetAsync("/api/v4/webhooks")).Expect(HttpStatusCode.OK)["_embedded"]!["webhooks"]![0]!.Value<bool>("disabled");
        (await Api.PatchAsync($"/api/v4/leads/{lead}", """{"price":2000}""")).Expect(HttpStatusCode.OK);
        await Sandbox.WaitForWebhooksAsync();

        Assert.False(after100);
        Assert.True(after101);
        Assert.Equal(101, receiver.Received.Count);
        Assert.Equal(101, Sandbox.Stats.WebhooksFailed);
    }

    [Fact]
    public async Task SlowDestination_CountsAsFailedAfterTheTimeout()
    {
        var port = FreePort.Next();
        (await Api.PostAsync("/api/v4/webhooks", $$"""{"destination":"http://127.0.0.1:{{port}}/down","settings":["add_lead"]}""")).Expect(HttpStatusCode.Created);

        (await Api.PostAsync("/api/v4/leads", """[{"name":"L"}]""")).Expect(HttpStatusCode.OK);
        await Sandbox.WaitForWebhooksAsync();

        Assert.Equal((1, 0, 1), (Sandbox.Stats.WebhooksQueued, Sandbox.Stats.WebhooksDelivered, Sandbox.Stats.WebhooksFailed));
    }

    [Fact]
    public async Task Subscribe_UnknownSettingIsRefusedAndDeleteRemoves()
    {
        var bad = await Api.PostAsync("/api/v4/webhooks", """{"destination":"https://app.example/h","settings":["add_leads"]}""");
        (await Api.PostAsync("/api/v4/webhooks", """{"destination":"https://app.example/h","settings":["add_lead"]}""")).Expect(HttpStatusCode.Created);

        (await Api.DeleteAsync("/api/v4/webhooks", """{"destination":"https://app.example/h"}""")).Expect(HttpStatusCode.NoContent);
        var after = await Api.GetAsync("/api/v4/webhooks");

        Assert.Contains(("NotSupportedChoice", "settings.0"), bad.ValidationErrors());
        Assert.Equal(HttpStatusCode.NoContent, after.Status);
    }
}
