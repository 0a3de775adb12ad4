using System.Globalization;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Work;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Installations;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.AmoCrm.Work;

/// <summary>
/// amoCRM delivers a webhook a few times and then gives up (and disables a destination that keeps failing), so a
/// change made while the app was down could be missed. The sweep reads the leads updated since the last sweep (a minute
/// of overlap; <c>filter[updated_at][from]</c>, 250 a page) into the inbox like events. It is also what keeps an idle
/// account's refresh token alive: every sweep calls the API, which refreshes an expired access token, and amoCRM only
/// revokes a refresh token left unused for three months.
/// </summary>
public sealed class AmoSweep(IStore store, AmoClients clients, TimeProvider time) : ICrmSweep
{
    public string Crm => AmoInstallations.Crm;

    public async Task<int> SweepAsync(Installation installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var client = clients.For(installation);
        var now = time.GetUtcNow();
        var since = (installation.SweptUntil ?? installation.InstalledAt) - Reconciler.Overlap;
        var accepted = 0;
        foreach (var lead in await client.Leads.ListAsync(new AmoListFilter { UpdatedFrom = since }, cancellationToken))
        {
            var updated = (lead.UpdatedAt ?? now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            accepted += await store.Inbox.TryAcceptAsync(
                new InboxItem
                {
                    Key = $"{installation.MemberId}:sweep:deal:{lead.Id.ToString(CultureInfo.InvariantCulture)}:{updated}",
                    MemberId = installation.MemberId,
                    Kind = "event",
                    Entity = "deal",
                    ItemId = lead.Id,
                    // A lead created since the last sweep is new to the app: its stage counts as entered (its automations run).
                    Payload = new JObject { ["event"] = "sweep", ["change"] = lead.CreatedAt >= since ? "add" : "update" },
                    ReceivedAt = now,
                },
                cancellationToken) ? 1 : 0;
        }

        await store.Installations.SetSweptUntilAsync(installation.MemberId, now, cancellationToken);
        return accepted;
    }
}
