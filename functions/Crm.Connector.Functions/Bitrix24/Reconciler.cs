using System.Globalization;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Bitrix24.Models;
using Crm.Connector.Bitrix24.Requests;
using Crm.Connector.Functions.Bitrix24.Inbound;
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
/// dies, so tokens not refreshed for <see cref="KeepAliveAfter"/> are refreshed once. The reconcile timer does not sweep:
/// it queues one message per portal, and each is swept here by whichever instance takes it — so every instance shares
/// the sweep of thousands of portals within one period.
/// </summary>
public sealed class Reconciler(IStore store, PortalClients clients, TimeProvider time) : Crm.Connector.Functions.Work.ICrmSweep
{
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan KeepAliveAfter = TimeSpan.FromDays(30);

    private static readonly string[] Entities = ["deal", "lead"];

    public string Crm => "bitrix24";

    /// <summary>
    /// Offline events taken per <c>event.offline.get</c>. UNCONFIRMED: the docs give the default (50) but no maximum;
    /// assumed that a larger limit is honoured or cut down by the portal, never refused.
    /// </summary>
    private const int OfflineBatch = 500;

    /// <summary>At most this many reads of the offline queue per run; the rest waits for the next run.</summary>
    private const int MaxOfflineRounds = 20;

    /// <summary>Sweeps one portal; returns how many items were put into the inbox.</summary>
    public async Task<int> SweepAsync(Installation installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var client = clients.For(installation.MemberId, installation.Plan);
        var now = time.GetUtcNow();
        var since = (installation.SweptUntil ?? installation.InstalledAt) - Overlap;
        var accepted = await DrainOfflineAsync(installation, client, now, cancellationToken);
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

    /// <summary>
    /// Takes the portal's offline queue (bitrix24-rest.md §4.6) into the inbox: reserved with <c>clear=0</c>, stored, then
    /// confirmed with <c>event.offline.clear</c> — so a crash in between leaves them reserved for the next run rather
    /// than lost. The queue also holds every change whose online event did arrive; an item the worker read well after
    /// the queued change is skipped (its snapshot is newer), the rest go to the worker, which finds what changed.
    /// </summary>
    private async Task<int> DrainOfflineAsync(Installation installation, Crm.Connector.Bitrix24.Bitrix24Client client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var accepted = 0;
        string? processId = null;
        for (var round = 0; round < MaxOfflineRounds; round++)
        {
            OfflineEventBatch batch;
            try
            {
                batch = await client.Events.Offline.GetAsync(new OfflineEventGetRequest { Clear = 0, Limit = OfflineBatch, ProcessId = processId }, cancellationToken);
            }
            catch (Bitrix24AccessDeniedException)
            {
                // Offline events need an admin's tokens; without them the DATE_MODIFY sweep below still catches up.
                return accepted;
            }

            if (batch.Events.Count == 0)
            {
                return accepted;
            }

            processId = batch.ProcessId;
            var items = batch.Events
                .Select(e => (Event: e, Entity: EventMessage.Entities.GetValueOrDefault(e.EventName.ToUpperInvariant()), Id: e.EventData?.SelectToken("FIELDS.ID")?.Value<long?>()))
                .Where(e => e.Entity is not null && e.Id is > 0)
                .ToList();
            foreach (var group in items.GroupBy(i => i.Entity!))
            {
                var snapshots = await store.Snapshots.GetManyAsync(installation.MemberId, group.Key, [.. group.Select(i => i.Id!.Value).Distinct()], cancellationToken);
                foreach (var (queued, entity, id) in group)
                {
                    if (snapshots.TryGetValue(id!.Value, out var seen) && ChangedAt(queued) is { } changed && seen.SeenAt >= changed + Overlap)
                    {
                        continue;
                    }

                    accepted += await store.Inbox.TryAcceptAsync(
                        new InboxItem
                        {
                            Key = $"{installation.MemberId}:offline:{queued.MessageId ?? queued.Id.ToString(CultureInfo.InvariantCulture)}",
                            MemberId = installation.MemberId,
                            Kind = "event",
                            Entity = entity,
                            ItemId = id,
                            Payload = new JObject { ["event"] = queued.EventName, ["offline"] = true },
                            ReceivedAt = now,
                        },
                        cancellationToken) ? 1 : 0;
                }
            }

            await client.Events.Offline.ClearAsync(processId!, [.. batch.Events.Select(e => e.MessageId).OfType<string>()], cancellationToken);
            processId = null;
        }

        return accepted;
    }

    private static DateTimeOffset? ChangedAt(OfflineEvent queued) =>
        DateTimeOffset.TryParse(queued.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;
}
