using Crm.Connector.OneC;
using Crm.Connector.Sandbox.OneC;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Storage.OneC;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Cli.Tests;

/// <summary>
/// <c>crm-connector onec</c> against a sandbox 1C over loopback HTTP and a throwaway store holding one amoCRM installation.
/// </summary>
public sealed class OneCCommandTests : IAsyncLifetime
{
    private const string Amo = "amocrm-29000001";
    private readonly string _directory = Directory.CreateTempSubdirectory("crmc-onec-").FullName;
    private SandboxOneC _oneC = null!;

    private string StorePath => Path.Combine(_directory, "store.db");

    private string PasswordFile => Path.Combine(_directory, "onec-password");

    /// <summary>The infobase URL as the 1C web client shows it (the command completes the OData part).</summary>
    private string BaseUrl => _oneC.ServiceRoot.ToString()[..^"odata/standard.odata/".Length];

    public async Task InitializeAsync()
    {
        _oneC = await SandboxOneC.StartAsync(new SandboxOneCOptions { Password = "s3cret-Пароль" });
        await File.WriteAllTextAsync(PasswordFile, _oneC.Password + "\n");
        await using var store = StoreFactory.Create(new StoreOptions { ConnectionString = StorePath });
        await store.MigrateAsync();
        var now = TimeProvider.System.GetUtcNow();
        await store.Installations.SaveAsync(new Installation { MemberId = Amo, Crm = "amocrm", Domain = "school.amocrm.ru", InstalledAt = now, UpdatedAt = now });
    }

    public async Task DisposeAsync()
    {
        await _oneC.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Connect_OneOfEach_PicksThemAndStoresThePasswordEncrypted()
    {
        var run = await Connect("--password-file", PasswordFile, "--vat", "НДС20");

        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        var saved = await ConnectionAsync();
        Assert.NotNull(saved);
        Assert.Equal(_oneC.ServiceRoot.ToString(), saved.ServiceRoot);
        Assert.Equal(_oneC.User, saved.User);
        Assert.Equal(_oneC.Password, saved.Password);
        Assert.Equal((_oneC.Organization, _oneC.ServiceItem, (Guid?)_oneC.BankAccount), (saved.Organization, saved.ServiceItem, saved.BankAccount));
        Assert.Equal(("НДС20", "Europe/Moscow"), (saved.VatRate, saved.TimeZone));
        Assert.Equal(OneCEntityNames.Bp30.Configuration, saved.Configuration);
        Assert.Contains(OneCEntityNames.Bp30.Configuration, run.Out, StringComparison.Ordinal);

        var stored = await RawPasswordAsync();
        Assert.NotEqual(_oneC.Password, stored);
        Assert.DoesNotContain(_oneC.Password, stored, StringComparison.Ordinal);

        var status = await Run("status", "--json");
        Assert.True(status.ExitCode == CliApp.Ok, status.Error);
        Assert.DoesNotContain(_oneC.Password, run.Out + run.Error + status.Out + status.Error, StringComparison.Ordinal);
        var connection = JObject.Parse(status.Out)["connection"]!;
        Assert.Equal(_oneC.User, connection.Value<string>("user"));
        Assert.Null(connection["password"]);
    }

    [Fact]
    public async Task Connect_PasswordFromStdin_GivenKeysCheckedIn1C_AnswersJson()
    {
        var run = await CliRun.WithInput(
            _oneC.Password + "\r\n",
            ["onec", "connect", "--portal", Amo, "--url", _oneC.ServiceRoot.ToString(), "--user", _oneC.User, "--password-stdin",
             "--organization", _oneC.Organization.ToString(), "--item", _oneC.ServiceItem.ToString(), "--bank-account", _oneC.BankAccount.ToString(),
             "--time-zone", "Asia/Yekaterinburg", "--json", "--store", StorePath]);

        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        var json = JObject.Parse(run.Out);
        Assert.Equal(_oneC.Organization, Guid.Parse(json["organization"]!.Value<string>("refKey")!));
        Assert.Equal("Услуги автошколы", json["serviceItem"]!.Value<string>("description"));
        Assert.Null(json["password"]);
        var saved = await ConnectionAsync();
        Assert.Equal((_oneC.Password, "Asia/Yekaterinburg"), (saved!.Password, saved.TimeZone));
    }

    [Fact]
    public async Task Connect_RequiredSetNotPublished_PrintsTheAdvice_StoresNothing()
    {
        _oneC.Unpublish("Document_ПоступлениеНаРасчетныйСчет");

        var run = await Connect("--password-file", PasswordFile);

        Assert.Equal(CliApp.Failed, run.ExitCode);
        Assert.Contains("Document_ПоступлениеНаРасчетныйСчет", run.Error, StringComparison.Ordinal);
        Assert.Contains(OneCPublicationReport.CompositionPath, run.Error, StringComparison.Ordinal);
        Assert.Null(await ConnectionAsync());
    }

    [Fact]
    public async Task Connect_WrongPassword_Says401_StoresNothing()
    {
        await File.WriteAllTextAsync(PasswordFile, "wrong-one");

        var run = await Connect("--password-file", PasswordFile);

        Assert.Equal(CliApp.Failed, run.ExitCode);
        Assert.Contains("HTTP 401", run.Error, StringComparison.Ordinal);
        Assert.Contains("Check the user name and password", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-one", run.Error, StringComparison.Ordinal);
        Assert.Null(await ConnectionAsync());
    }

    [Fact]
    public async Task Connect_1CDown_SaysSo_StoresNothing()
    {
        _oneC.Faults.Down = true;

        var run = await Connect("--password-file", PasswordFile);

        Assert.Equal(CliApp.Failed, run.ExitCode);
        Assert.Contains("1C:", run.Error, StringComparison.Ordinal);
        Assert.Contains("503", run.Error, StringComparison.Ordinal);
        Assert.Null(await ConnectionAsync());
    }

    [Theory]
    [InlineData("--vat", "НДС18", "--vat")]
    [InlineData("--vat", "20", "БезНДС, НДС20, НДС22, НДС10")]
    [InlineData("--organization", "not-a-guid", "--organization")]
    [InlineData("--item", "123", "--item")]
    [InlineData("--bank-account", "{x}", "--bank-account")]
    [InlineData("--time-zone", "Mars/Olympus", "--time-zone")]
    [InlineData("--url", "ftp://host/buh", "--url")]
    [InlineData("--url", "host/buh", "https://host/buh")]
    public async Task Connect_InvalidOption_NamesItAndTheFix_Calls1CNotAndStoresNothing(string option, string value, string named)
    {
        var run = await Connect("--password-file", PasswordFile, option, value);

        Assert.Equal(CliApp.Failed, run.ExitCode);
        Assert.Contains($"error: {option}: '{value}'", run.Error, StringComparison.Ordinal);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
        Assert.Equal(0, _oneC.Stats.Requests);
        Assert.Null(await ConnectionAsync());
    }

    [Fact]
    public async Task Connect_NoPasswordSource_SaysWhyNotOnTheCommandLine()
    {
        var run = await Connect();

        Assert.Equal(CliApp.Failed, run.ExitCode);
        Assert.Contains("--password-file or --password-stdin", run.Error, StringComparison.Ordinal);
        Assert.Contains("shell history", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, _oneC.Stats.Requests);
        Assert.Null(await ConnectionAsync());
    }

    [Fact]
    public async Task Connect_GivenKeyNotIn1C_NamesTheOption_StoresNothing()
    {
        var run = await Connect("--password-file", PasswordFile, "--item", Guid.NewGuid().ToString());

        Assert.Equal(CliApp.Failed, run.ExitCode);
        Assert.Contains("--item:", run.Error, StringComparison.Ordinal);
        Assert.Contains("Catalog_Номенклатура", run.Error, StringComparison.Ordinal);
        Assert.Null(await ConnectionAsync());
    }

    [Fact]
    public async Task Connect_TwoOrganisations_ListsThemAndAsksForTheOption()
    {
        using var http = new HttpClient();
        var client = new OneCAccountingFactory(http).CreateClient(new OneCConnection(_oneC.ServiceRoot, _oneC.User, _oneC.Password));
        await client.CreateAsync("Catalog_Организации", new JObject { ["Description"] = "ИП Второй" }, CancellationToken.None);

        var run = await Connect("--password-file", PasswordFile);

        Assert.Equal(CliApp.Failed, run.ExitCode);
        Assert.Contains("--organization", run.Error, StringComparison.Ordinal);
        Assert.Contains(_oneC.Organization.ToString(), run.Error, StringComparison.Ordinal);
        Assert.Contains("ИП Второй", run.Error, StringComparison.Ordinal);
        Assert.Null(await ConnectionAsync());
    }

    [Fact]
    public async Task Status_ListsTheInvoiceLinkAndTheUnmatchedReceipt()
    {
        Assert.Equal(CliApp.Ok, (await Connect("--password-file", PasswordFile)).ExitCode);
        var invoice = Guid.NewGuid();
        await using (var store = Store())
        {
            await store.OneC.SaveInvoiceAsync(new OneCInvoiceLink
            {
                MemberId = Amo, Entity = "lead", ItemId = 4711, RefKey = invoice, Counterparty = Guid.NewGuid(), Number = "АШ-00000042",
                Total = 1_500_000, Paid = 500_000, Posted = true, Conflict = "posted in 1C",
            });
            await store.OneC.SaveReceiptsAsync(
                Amo,
                [new OneCStoredReceipt { RefKey = Guid.NewGuid(), Kind = "bank", Number = "00-000017", Date = new DateTime(2027, 3, 4, 10, 30, 0), Posted = true, Amount = 123_45, Purpose = "Оплата по счёту без номера", Lines = [new(null, 123_45)] }],
                []);
        }

        var json = await Run("status", "--json");
        var text = await Run("status");

        Assert.True(json.ExitCode == CliApp.Ok, json.Error);
        var status = JObject.Parse(json.Out);
        var link = Assert.Single(status["invoices"]!);
        Assert.Equal(("lead", 4711L, "АШ-00000042"), (link.Value<string>("entity"), link.Value<long>("itemId"), link.Value<string>("number")));
        Assert.Equal((15_000m, 5_000m, true, "posted in 1C"), (link.Value<decimal>("total"), link.Value<decimal>("paid"), link.Value<bool>("posted"), link.Value<string>("conflict")));
        var receipt = Assert.Single(status["unmatched"]!);
        Assert.Equal(("00-000017", 123.45m, "Оплата по счёту без номера"), (receipt.Value<string>("number"), receipt.Value<decimal>("amount"), receipt.Value<string>("purpose")));
        Assert.Equal(new DateTime(2027, 3, 4, 10, 30, 0), receipt.Value<DateTime>("date"));

        Assert.True(text.ExitCode == CliApp.Ok, text.Error);
        foreach (var expected in new[] { "АШ-00000042", "15000.00", "5000.00", "posted in 1C", "00-000017", "123.45", "2027-03-04 10:30", "Оплата по счёту без номера", _oneC.ServiceRoot.ToString() })
        {
            Assert.Contains(expected, text.Out, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(_oneC.Password, text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnect_RemovesTheConnection()
    {
        Assert.Equal(CliApp.Ok, (await Connect("--password-file", PasswordFile)).ExitCode);
        Assert.NotNull(await ConnectionAsync());

        var run = await Run("disconnect");

        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Null(await ConnectionAsync());
        Assert.Equal(JTokenType.Null, JObject.Parse((await Run("status", "--json")).Out)["connection"]!.Type);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("disconnect")]
    [InlineData("connect")]
    public async Task UnknownPortal_IsRefused(string command)
    {
        var run = await CliRun.Of(["onec", command, "--portal", "amocrm-1", "--store", StorePath,
            .. command == "connect" ? new[] { "--url", BaseUrl, "--user", _oneC.User, "--password-file", PasswordFile } : []]);

        Assert.Equal(CliApp.Failed, run.ExitCode);
        Assert.Contains("no installation 'amocrm-1'", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, _oneC.Stats.Requests);
    }

    /// <summary><c>onec connect</c> at the sandbox as its user, unless <paramref name="args"/> give another --url.</summary>
    private Task<CliRun> Connect(params string[] args) => Run(["connect", .. args.Contains("--url") ? [] : new[] { "--url", BaseUrl }, "--user", _oneC.User, .. args]);

    private Task<CliRun> Run(params string[] args) => CliRun.Of(["onec", args[0], "--portal", Amo, .. args[1..], "--store", StorePath]);

    private IStore Store() => StoreFactory.Create(new StoreOptions { ConnectionString = StorePath });

    private async Task<OneCConnectionSettings?> ConnectionAsync()
    {
        await using var store = Store();
        return await store.OneC.GetConnectionAsync(Amo);
    }

    private async Task<string> RawPasswordAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={StorePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT password FROM onec_connections WHERE member_id = $m";
        command.Parameters.AddWithValue("$m", Amo);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
