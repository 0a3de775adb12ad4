using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Jobs;

namespace Crm.Connector.Functions.Jobs;

/// <summary>
/// A delayed automation trigger came due: it becomes work in the portal's inbox, so the worker checks it with the item
/// read fresh — in the same batch reads and writes as the portal's events.
/// </summary>
public sealed class AutomationCheckJobHandler(IStore store, TimeProvider time) : IJobHandler
{
    public string Kind => JobKinds.AutomationCheck;

    public async Task RunAsync(ScheduledJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await store.Inbox.TryAcceptAsync(
            new InboxItem
            {
                Key = job.Key + ":due",
                MemberId = job.MemberId,
                Kind = "check",
                Entity = job.Payload.Value<string>("Entity"),
                ItemId = job.Payload.Value<long?>("ItemId"),
                Payload = job.Payload,
                ReceivedAt = time.GetUtcNow(),
            },
            cancellationToken);
    }
}
