using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Bitrix24.Inbound;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Testing;

namespace Crm.Connector.Functions.Tests.Instances;

/// <summary>
/// An install or uninstall handled by one instance holds on every instance from the next call: the portal's next
/// event reaching another instance is answered by what the store says now, not by what that instance saw before. The
/// clock does not move between the calls, so a cache of any lifetime would show here.
/// </summary>
public sealed class InstallationInstancesTests : IAsyncLifetime
{
    private const string Member = "a1b2c3d4e5f6";
    private const string Domain = "portal.bitrix24.ru";
    private const string Token = "application-token";

    private readonly string _directory = Directory.CreateTempSubdirectory("crmc-instances-").FullName;
    private readonly FakeTimeProvider _time = new();
    private AppInstance _a = null!;
    private AppInstance _b = null!;
    private long _ts = 1_800_000_000;

    public async Task InitializeAsync()
    {
        var store = Path.Combine(_directory, "store.db");
        _a = await AppInstance.StartAsync(store, _time);
        _b = await AppInstance.StartAsync(store, _time);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Uninstall_HandledByOneInstance_TheOtherRefusesThePortalsNextEventAtOnce()
    {
        await _a.Store.Installations.SaveAsync(Installation());
        Assert.Equal(200, await EventAsync(_b));

        var uninstall = await _a.Get<InstallProcessor>().HandleAsync(
            new InstallMessage { Kind = InstallMessageKind.Uninstall, MemberId = Member, Domain = Domain, Scheme = "https", ApplicationToken = Token },
            CancellationToken.None);

        Assert.Equal(200, uninstall.Response.StatusCode);
        Assert.Equal(401, await EventAsync(_b));
    }

    [Fact]
    public async Task Install_StoredByOneInstance_TheOtherAcceptsThePortalsFirstEventAtOnce()
    {
        Assert.Equal(401, await EventAsync(_b));

        await _a.Store.Installations.SaveAsync(Installation());

        Assert.Equal(200, await EventAsync(_b));
    }

    private Installation Installation() => new()
    {
        MemberId = Member,
        Domain = Domain,
        ApplicationTokenHash = ApplicationTokenHash.Of(Token),
        InstalledAt = _time.GetUtcNow(),
        UpdatedAt = _time.GetUtcNow(),
    };

    /// <summary>A deal update for the portal, signed with its token, taken by <paramref name="instance"/>; the HTTP status it answers.</summary>
    private async Task<int> EventAsync(AppInstance instance)
    {
        var outcome = await instance.Get<WebhookIntake>().AcceptEventAsync(
            new EventMessage { Event = "ONCRMDEALUPDATE", MemberId = Member, ApplicationToken = Token, Entity = "deal", ItemId = 7, Ts = (++_ts).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            CancellationToken.None);
        return outcome.Response.StatusCode;
    }
}
