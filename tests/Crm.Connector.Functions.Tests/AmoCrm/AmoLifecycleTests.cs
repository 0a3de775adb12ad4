using Crm.Connector.Functions.AmoCrm;
using Crm.Connector.Storage.Installations;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.AmoCrm;

/// <summary>The amoCRM installation's life as the account drives it: consent redirect, re-install, "access revoked".</summary>
public sealed class AmoLifecycleTests
{
    private static readonly string[] Subscribed =
    [
        "add_lead", "update_lead", "status_lead", "delete_lead", "restore_lead", "responsible_lead", "add_contact", "update_contact",
        "delete_contact", "add_company", "update_company", "add_task", "update_task", "add_unsorted", "delete_unsorted",
    ];

    [Fact]
    public async Task Install_FromConnect_StoresTheAccountEncryptsTokensSubscribesAndProvisions()
    {
        await using var harness = await AmoAppHarness.StartAsync();

        var result = await harness.InstallAsync();

        Assert.Contains("crm-connector is installed", result.Body, StringComparison.Ordinal);
        var installation = await harness.Store.Installations.GetAsync(harness.MemberId);
        Assert.Equal(
            (AmoInstallations.Crm, harness.Sandbox.BaseUrl.Authority, InstallationStatus.Active, "online-school"),
            (installation!.Crm, installation.Domain, installation.Status, installation.TemplateKey));

        var tokens = await harness.Store.AmoTokens.GetAsync(harness.MemberId);
        Assert.NotNull(tokens);
        await using (var raw = new SqliteConnection($"Data Source={harness.StorePath}"))
        {
            await raw.OpenAsync();
            await using var command = raw.CreateCommand();
            command.CommandText = "SELECT access_token || '|' || refresh_token FROM amo_tokens";
            var stored = (string)(await command.ExecuteScalarAsync())!;
            Assert.DoesNotContain(tokens.AccessToken, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(tokens.RefreshToken, stored, StringComparison.Ordinal);
        }

        var webhook = Assert.Single(harness.OurWebhooks());
        Assert.Equal(Subscribed.Order(StringComparer.Ordinal), webhook["settings"]!.Values<string>().Order(StringComparer.Ordinal));
        Assert.DoesNotContain(webhook.Value<string>("destination")!.Split('/')[^1], harness.Output, StringComparison.Ordinal);

        await harness.WaitUntilAsync(
            () => Task.FromResult(harness.Sandbox.State()["pipelines"]!.Any(p => p.Value<string>("name") == "Продажа курса")),
            "the online-school pipelines in the account");
        await harness.WaitUntilAsync(async () => (await harness.Store.Ledgers.LoadAsync(harness.MemberId, "online-school")).Entries.Count > 0, "the ledger under the member id");
    }

    [Fact]
    public async Task Reinstall_SameAccount_KeepsSettingsRotatesTheSecretAndLeavesOneDestination()
    {
        await using var harness = await AmoAppHarness.StartAsync();
        await harness.InstallAsync();
        var first = harness.WebhookPath();
        var installed = (await harness.Store.Installations.GetAsync(harness.MemberId))!;
        await harness.Store.Installations.SaveAsync(installed with { Settings = new JObject { ["curator"] = 42 } });

        await harness.InstallAsync();

        var again = (await harness.Store.Installations.GetAsync(harness.MemberId))!;
        Assert.Equal(42, again.Settings.Value<int>("curator"));
        Assert.NotEqual(installed.ApplicationTokenHash, again.ApplicationTokenHash);
        Assert.NotEqual(first, harness.WebhookPath());
        Assert.Equal(401, (await harness.PostAsync(first, $"leads%5Badd%5D%5B0%5D%5Bid%5D=5&account%5Bid%5D={harness.Sandbox.AccountId}")).Status);
    }

    [Fact]
    public async Task WidgetInstall_WithoutState_IsAccepted()
    {
        await using var harness = await AmoAppHarness.StartAsync(widgetRedirect: true);

        var result = await harness.Sandbox.InstallAppAsync(new Uri(harness.InstallUrl + "?from_widget=1"), state: null);

        Assert.True(result.Succeeded, $"{result.StatusCode} {result.Body}");
        Assert.Equal(InstallationStatus.Active, (await harness.Store.Installations.GetAsync(harness.MemberId))!.Status);
    }

    [Fact]
    public async Task Uninstall_SignedHook_RemovesTheInstallationDropsTokensAndRefusesLaterWebhooks()
    {
        await using var harness = await AmoAppHarness.StartAsync();
        await harness.InstallAsync();
        var path = harness.WebhookPath();

        var result = await harness.Sandbox.UninstallAppAsync(harness.UninstallUrl);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(InstallationStatus.Removed, (await harness.Store.Installations.GetAsync(harness.MemberId))!.Status);
        Assert.Null(await harness.Store.AmoTokens.GetAsync(harness.MemberId));
        var before = await harness.InboxCountAsync();
        var (status, _) = await harness.PostAsync(path, $"leads%5Badd%5D%5B0%5D%5Bid%5D=5&account%5Bid%5D={harness.Sandbox.AccountId}");
        Assert.Equal(401, status);
        Assert.Equal(before, await harness.InboxCountAsync());
    }

    [Theory]
    [InlineData("wrong signature", "client_uuid={client}&account_id={account}&signature=" + "00000000000000000000000000000000000000000000000000000000000000ff", 401)]
    [InlineData("another integration's client_uuid", "client_uuid=00000000-0000-0000-0000-000000000000&account_id={account}&signature={signature}", 401)]
    [InlineData("signature of another account", "client_uuid={client}&account_id=1{account}&signature={signature}", 401)]
    [InlineData("no signature", "client_uuid={client}&account_id={account}", 401)]
    [InlineData("account id not a number", "client_uuid={client}&account_id=abc&signature={signature}", 400)]
    public async Task Uninstall_Unverified_IsRefusedAndChangesNothing(string name, string query, int expected)
    {
        await using var harness = await AmoAppHarness.StartAsync();
        await harness.InstallAsync();
        var app = harness.Sandbox.App;
        var filled = query
            .Replace("{client}", app.ClientId, StringComparison.Ordinal)
            .Replace("{account}", harness.Sandbox.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{signature}", AmoUninstallSignature.Of(app.ClientId, harness.Sandbox.AccountId, app.ClientSecret), StringComparison.Ordinal);

        var (status, body) = await harness.GetAsync("api/amocrm/uninstall?" + filled);

        Assert.True(status == expected, $"{name}: expected {expected}, got {status} {body}");
        Assert.Equal(InstallationStatus.Active, (await harness.Store.Installations.GetAsync(harness.MemberId))!.Status);
        Assert.NotNull(await harness.Store.AmoTokens.GetAsync(harness.MemberId));
    }
}
