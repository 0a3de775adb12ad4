using System.Globalization;
using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.Storage.Inbox;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.AmoCrm;

/// <summary>The app installed on a sandbox account, shared by the webhook cases.</summary>
public sealed class AmoInstalledApp : IAsyncLifetime
{
    public AmoAppHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Harness = await AmoAppHarness.StartAsync();
        await Harness.InstallAsync();
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}

/// <summary>
/// Account webhooks at <c>/api/amocrm/webhooks/{secret}</c>: forged, malformed or oversized deliveries get a 4xx with a
/// JSON error and store nothing; a real one is kept once however often amoCRM delivers it.
/// </summary>
public sealed class AmoWebhookTests(AmoInstalledApp app) : IClassFixture<AmoInstalledApp>
{
    private const string Form = "application/x-www-form-urlencoded";

    private AmoAppHarness Harness => app.Harness;

    private string Account => Harness.Sandbox.AccountId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Placeholders: {path} the real destination, {account} the account id.</summary>
    public static TheoryData<string, string, string, string?, int> Cases => new()
    {
        { "unknown account", "{path}", "leads%5Badd%5D%5B0%5D%5Bid%5D=7&account%5Bid%5D=42", Form, 401 },
        { "wrong secret", "api/amocrm/webhooks/forged-secret", "leads%5Badd%5D%5B0%5D%5Bid%5D=7&account%5Bid%5D={account}", Form, 401 },
        { "no secret", "api/amocrm/webhooks/", "leads%5Badd%5D%5B0%5D%5Bid%5D=7&account%5Bid%5D={account}", Form, 404 },
        { "missing account[id]", "{path}", "leads%5Badd%5D%5B0%5D%5Bid%5D=7&account%5Bsubdomain%5D=school", Form, 400 },
        { "account[id] not a number", "{path}", "leads%5Badd%5D%5B0%5D%5Bid%5D=7&account%5Bid%5D=school", Form, 400 },
        { "lead without an id", "{path}", "leads%5Badd%5D%5B0%5D%5Bname%5D=x&account%5Bid%5D={account}", Form, 400 },
        { "malformed form", "{path}", "leads%5Badd%5D%5B0%5D%5Bid=7&account%5Bid%5D={account}", Form, 400 },
        { "accepted unsorted naming no lead", "{path}", "unsorted%5Bdelete%5D%5B0%5D%5Baction%5D=accept&account%5Bid%5D={account}", Form, 400 },
        { "oversized body", "{path}", "leads%5Badd%5D%5B0%5D%5Bid%5D=7&account%5Bid%5D={account}&pad=" + new string('x', 300_000), Form, 413 },
        { "JSON instead of a form", "{path}", "{\"leads\":{\"add\":[{\"id\":7}]},\"account\":{\"id\":1}}", "application/json", 415 },
        { "no body", "{path}", string.Empty, Form, 400 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Delivery_IsRefusedAndStoresNothing(string name, string path, string body, string? contentType, int expected)
    {
        var before = await Harness.InboxCountAsync();

        var (status, answer) = await Harness.PostAsync(Fill(path), Fill(body), contentType);

        Assert.True(status == expected, $"{name}: expected {expected}, got {status} {answer}");
        if (expected != 404)
        {
            Assert.False(string.IsNullOrEmpty(JObject.Parse(answer).Value<string>("error")), $"{name}: the refusal names no error: {answer}");
        }

        Assert.Equal(before, await Harness.InboxCountAsync());
    }

    [Fact]
    public async Task WrongSecret_AndUnknownAccount_GetTheSameAnswer()
    {
        var forged = await Harness.PostAsync("api/amocrm/webhooks/forged", $"leads%5Badd%5D%5B0%5D%5Bid%5D=7&account%5Bid%5D={Account}");
        var unknown = await Harness.PostAsync(Harness.WebhookPath(), "leads%5Badd%5D%5B0%5D%5Bid%5D=7&account%5Bid%5D=42");

        Assert.Equal(forged, unknown);
    }

    [Fact]
    public async Task BulkChange_OfFiftyLeads_WithOverAThousandFields_IsStoredWhole()
    {
        // One PATCH of 50 leads is one webhook of 50 items with their custom fields: well over Bitrix24's 1,000 fields.
        var form = new System.Text.StringBuilder();
        for (var i = 0; i < 50; i++)
        {
            var prefix = $"leads%5Bstatus%5D%5B{i}%5D";
            form.Append(CultureInfo.InvariantCulture, $"{prefix}%5Bid%5D={30000 + i}&{prefix}%5Bstatus_id%5D=142&{prefix}%5Bpipeline_id%5D=77&{prefix}%5Bupdated_at%5D=1900000000&");
            for (var f = 0; f < 6; f++)
            {
                form.Append(CultureInfo.InvariantCulture, $"{prefix}%5Bcustom_fields%5D%5B{f}%5D%5Bid%5D={900 + f}&{prefix}%5Bcustom_fields%5D%5B{f}%5D%5Bname%5D=F{f}&{prefix}%5Bcustom_fields%5D%5B{f}%5D%5Bvalues%5D%5B0%5D%5Bvalue%5D=v&");
            }
        }

        form.Append(CultureInfo.InvariantCulture, $"account%5Bid%5D={Account}&account%5Bsubdomain%5D=school");
        Assert.True(form.ToString().Split('&').Length > 1000, "the webhook is not over the Bitrix24-sized limit");
        var before = await Harness.InboxCountAsync();

        var answer = await Harness.PostAsync(Harness.WebhookPath(), form.ToString());

        Assert.Equal(200, answer.Status);
        Assert.Equal(50, JObject.Parse(answer.Body).Value<int>("stored"));
        Assert.Equal(before + 50, await Harness.InboxCountAsync());
    }

    [Fact]
    public async Task SameDelivery_ThreeTimes_IsStoredOnce()
    {
        var form = $"leads%5Bstatus%5D%5B0%5D%5Bid%5D=9001&leads%5Bstatus%5D%5B0%5D%5Bstatus_id%5D=142&leads%5Bstatus%5D%5B0%5D%5Bpipeline_id%5D=77"
            + $"&leads%5Bstatus%5D%5B0%5D%5Bupdated_at%5D=1900000000&contacts%5Bupdate%5D%5B0%5D%5Bid%5D=9002&contacts%5Bupdate%5D%5B0%5D%5Btype%5D=company"
            + $"&task%5Badd%5D%5B0%5D%5Bid%5D=5&account%5Bid%5D={Account}&account%5Bsubdomain%5D=school";
        var before = await Harness.InboxCountAsync();

        var answers = new List<(int Status, string Body)>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await Harness.PostAsync(Harness.WebhookPath(), form));
        }

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.Equal(2, JObject.Parse(answers[0].Body).Value<int>("stored"));

        // One row per change however often it comes. (A redelivery of a change the worker already finished opens that
        // row again, as for Bitrix24: the worker reads the lead once more and finds nothing new to do.)
        Assert.Equal(before + 2, await Harness.InboxCountAsync());
        var deal = await FindAsync("leads[status]:9001:");
        Assert.Equal(("event", "deal", 9001L), (deal.Kind, deal.Entity, deal.ItemId!.Value));
        Assert.Equal(("leads[status]", "status", 142L, 77L), (deal.Payload.Value<string>("event"), deal.Payload.Value<string>("change"), deal.Payload.Value<long>("statusId"), deal.Payload.Value<long>("pipelineId")));
        Assert.Equal("company", (await FindAsync("contacts[update]:9002:")).Entity);
    }

    [Fact]
    public async Task AcceptedUnsorted_IsAnAddOfEachLead()
    {
        var form = $"unsorted%5Bdelete%5D%5B0%5D%5Baction%5D=accept&unsorted%5Bdelete%5D%5B0%5D%5Buid%5D=u1"
            + $"&unsorted%5Bdelete%5D%5B0%5D%5Baccept_result%5D%5Bleads%5D%5B0%5D=8101&unsorted%5Bdelete%5D%5B0%5D%5Baccept_result%5D%5Bleads%5D%5B1%5D=8102"
            + $"&unsorted%5Badd%5D%5B0%5D%5Buid%5D=u2&account%5Bid%5D={Account}";

        var (status, body) = await Harness.PostAsync(Harness.WebhookPath(), form);

        Assert.True(status == 200, body);
        foreach (var id in new[] { 8101, 8102 })
        {
            var item = await FindAsync($"unsorted[delete]:{id}:");
            Assert.Equal(("deal", "add"), (item.Entity, item.Payload.Value<string>("change")));
        }
    }

    [Fact]
    public async Task LeadCreatedInTheAccount_ArrivesThroughTheSubscription()
    {
        var issued = Harness.Sandbox.IssueTokens();
        var tokens = new InMemoryAmoTokenStore();
        var account = new AmoAccountAddress(Harness.Sandbox.BaseUrl);
        await tokens.SaveAsync(new AmoTokens { AccountKey = account.Key, AccessToken = issued.AccessToken, RefreshToken = issued.RefreshToken, ExpiresAt = issued.ExpiresAt });
        using var admin = AmoCrmClient.ForInstallation(account, tokens, new AmoOAuthApp { ClientId = Harness.Sandbox.App.ClientId, ClientSecret = Harness.Sandbox.App.ClientSecret, RedirectUri = Harness.InstallUrl });

        var created = await admin.Leads.AddAsync([new AmoLeadAdd { Name = "Webhook check" }]);
        await Harness.Sandbox.WaitForWebhooksAsync();

        var id = Assert.Single(created).Id;
        var item = await FindAsync($"leads[add]:{id}:");
        Assert.Equal(("deal", "add"), (item.Entity, item.Payload.Value<string>("change")));
        Assert.Equal(0, Harness.Sandbox.Stats.WebhooksFailed);
    }

    private async Task<InboxItem> FindAsync(string keyPart)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Harness.StorePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM inbox WHERE key LIKE $k";
        command.Parameters.AddWithValue("$k", $"{Harness.MemberId}:{keyPart}%");
        var id = await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No inbox item {keyPart}.\n{Harness.Output}");
        return (await Harness.Store.Inbox.GetAsync(Convert.ToInt64(id, CultureInfo.InvariantCulture)))!;
    }

    private string Fill(string text) => text
        .Replace("{path}", Harness.WebhookPath(), StringComparison.Ordinal)
        .Replace("{account}", Account, StringComparison.Ordinal);
}
