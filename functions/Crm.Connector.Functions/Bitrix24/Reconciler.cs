using System.Globalization;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Installations;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24;

/// <summary>
/// Bitrix24 never sends an event again (bitrix24-rest.md §4.5), so events lost while the app was down or unreachable
/// would be lost for good. The sweep reads, per portal, the deals and leads modified since the last sweep (with a
/// minute of overlap) and puts each into the inbox like an event; the worker compares it with its snapshot, so an item
/// whose event did arrive changes nothing. It also keeps idle portals' refresh tokens alive: one unused for 180 days
/// dies, so tokens not refreshed for <see cref="KeepAliveAfter"/> are refreshed once.
/// </summary>
public sealed class Reconciler(IStore store, PortalClients clients, TimeProvider time)
{
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan KeepAliveAfter = TimeSpan.FromDays(30);

    private static readonly string[] Entities = ["deal", "lead"];

    /// <summary>Sweeps one portal; returns how many items were put into the inbox.</summary>
    public async Task<int> SweepAsync(Installation installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var client = clients.For(installation.MemberId, installation.Plan);
        var now = time.GetUtcNow();
        var since = (installation.SweptUntil ?? installation.InstalledAt) - Overlap;
        var accepted = 0;
        foreach (var entity in Entities)
        {
            var filter = new JObject { [">DATE_MODIFY"] = since.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture) };
            var service = entity == "deal" ? client.Crm.Deals : client.Crm.Leads;
            await foreach (var row in service.ScanAsync(filter, ["ID", "DATE_MODIFY"], cancellationToken: cancellationToken))
            {
                var id = row.Value<long>("ID");
                var added = await store.Inbox.TryAcceptAsync(
                    new InboxItem
                    {
                        Key = $"{installation.MemberId}:sweep:{entity}:{id}:{row.Value<string>("DATE_MODIFY")}",
                        MemberId = installation.MemberId,
                        Kind = "event",
                        Entity = entity,
                        ItemId = id,
                        Payload = new JObject { ["event"] = "SWEEP" },
                        ReceivedAt = now,
                    },
                    cancellationToken);
                accepted += added ? 1 : 0;
            }
        }

        await store.Installations.SetSweptUntilAsync(installation.MemberId, now, cancellationToken);
        if ((installation.TokensRefreshedAt ?? installation.InstalledAt) < now - KeepAliveAfter)
        {
            var tokens = await store.Tokens.GetAsync(installation.MemberId, cancellationToken);
            if (tokens is not null)
            {
                await client.Credentials.RefreshAsync(tokens.AccessToken, cancellationToken);
            }
        }

        return accepted;
    }

    /// <summary>Sweeps every active installation; a portal that fails is skipped until the next run.</summary>
    public async Task<IReadOnlyList<string>> SweepAllAsync(Action<string, Bitrix24Exception> onFailure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onFailure);
        var withWork = new List<string>();
        foreach (var installation in await store.Installations.ListActiveAsync(cancellationToken))
        {
            try
            {
                if (await SweepAsync(installation, cancellationToken) > 0)
                {
                    withWork.Add(installation.MemberId);
                }
            }
            catch (Bitrix24Exception e)
            {
                onFailure(installation.MemberId, e);
            }
        }

        return withWork;
    }
}
