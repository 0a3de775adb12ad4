using Crm.Connector.Storage;
using Crm.Connector.Storage.Installations;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Cli.Tests;

/// <summary><c>crm-connector settings</c> against a throwaway store holding one amoCRM and one Bitrix24 installation.</summary>
public sealed class SettingsCommandTests : IAsyncLifetime
{
    private const string Amo = "amocrm-29000001";
    private const string Bitrix = "a1b2c3d4e5f6";
    private readonly string _directory = Directory.CreateTempSubdirectory("crmc-settings-").FullName;

    private string StorePath => Path.Combine(_directory, "store.db");

    public async Task InitializeAsync()
    {
        await using var store = StoreFactory.Create(new StoreOptions { ConnectionString = StorePath });
        await store.MigrateAsync();
        var now = TimeProvider.System.GetUtcNow();
        await store.Installations.SaveAsync(new Installation { MemberId = Amo, Crm = "amocrm", Domain = "school.amocrm.ru", InstalledAt = now, UpdatedAt = now, Settings = new JObject { ["keep"] = 1 } });
        await store.Installations.SaveAsync(new Installation { MemberId = Bitrix, Domain = "acme.bitrix24.ru", InstalledAt = now, UpdatedAt = now });
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Set_EveryKey_IsStoredInTheFormItsReaderExpects()
    {
        var run = await Run("--portal", Amo, "--json",
            "--set", "timeZone=Europe/Moscow", "--set", "workDays=5,1,2", "--set", "holidays=2027-01-07,2027-01-01",
            "--set", "salesGroup=12", "--set", "curator=7", "--set", "emailSender=school@example.com", "--set", "trialLessonLink=https://example.com/trial");

        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        var settings = await SettingsAsync(Amo);
        Assert.Equal("Europe/Moscow", settings.Value<string>("timeZone"));
        Assert.Equal(["mon", "tue", "fri"], settings["workDays"]!.Values<string>());
        Assert.Equal(["2027-01-01", "2027-01-07"], settings["holidays"]!.Values<string>());
        Assert.Equal((12L, 7L), (settings.Value<long>("salesGroup"), settings.Value<long>("curator")));
        Assert.Equal("school@example.com", settings.Value<string>("emailSender"));
        Assert.Equal(1, settings.Value<int>("keep"));
        Assert.Equal("Europe/Moscow", JObject.Parse(run.Out)["settings"]!.Value<string>("timeZone"));
    }

    [Fact]
    public async Task Unset_RemovesTheKey_AndWorksForBitrix24Too()
    {
        Assert.Equal(CliApp.Ok, (await Run("--portal", Bitrix, "--set", "curator=3")).ExitCode);

        var run = await Run("--portal", Bitrix, "--unset", "curator", "--json");

        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Null((await SettingsAsync(Bitrix))["curator"]);
    }

    [Theory]
    [InlineData("timeZone=Mars/Olympus", "timeZone")]
    [InlineData("workDays=1,8", "workDays")]
    [InlineData("workDays=mon", "workDays")]
    [InlineData("holidays=01.01.2027", "holidays")]
    [InlineData("salesGroup=-1", "salesGroup")]
    [InlineData("emailSender=not-an-address", "emailSender")]
    [InlineData("trialLessonLink=ftp://example.com", "trialLessonLink")]
    [InlineData("colour=red", "'colour' is not a setting")]
    [InlineData("timeZone", "key=value")]
    public async Task Set_InvalidValue_NamesTheKeyAndChangesNothing(string pair, string named)
    {
        var run = await Run("--portal", Amo, "--set", "curator=9", "--set", pair);

        Assert.Equal(CliApp.Failed, run.ExitCode);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
        Assert.Null((await SettingsAsync(Amo))["curator"]);
    }

    [Fact]
    public async Task UnknownPortal_SaysWhichAndHowMemberIdsLook()
    {
        var run = await Run("--portal", "amocrm-1");

        Assert.Equal(CliApp.Failed, run.ExitCode);
        Assert.Contains("amocrm-<account id>", run.Error, StringComparison.Ordinal);
    }

    private Task<CliRun> Run(params string[] args) => CliRun.Of(["settings", .. args, "--store", StorePath]);

    private async Task<JObject> SettingsAsync(string memberId)
    {
        await using var store = StoreFactory.Create(new StoreOptions { ConnectionString = StorePath });
        return (await store.Installations.GetAsync(memberId))!.Settings;
    }
}
