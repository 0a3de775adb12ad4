using Crm.Connector.Bitrix24.Models;
using Crm.Connector.Bitrix24.Requests;
using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Services.Events;

/// <summary><c>event.offline.*</c>: the queue of changes kept while no handler was told (bitrix24-rest.md §4.6).</summary>
public sealed class OfflineEventService(Bitrix24Requestor requestor)
{
    /// <summary><c>event.offline.get</c>. With <c>clear=0</c> the events are reserved until <see cref="ClearAsync"/>.</summary>
    public async Task<OfflineEventBatch> GetAsync(OfflineEventGetRequest request, CancellationToken cancellationToken = default) =>
        Bitrix24Json.To<OfflineEventBatch>((await requestor.CallAsync("event.offline.get", Bitrix24Json.From(request), cancellationToken)).Result);

    /// <summary><c>event.offline.clear</c>: confirms reserved events as processed.</summary>
    public async Task ClearAsync(string processId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync("event.offline.clear", new JObject { ["process_id"] = processId, ["message_id"] = new JArray(messageIds) }, cancellationToken);

    /// <summary><c>event.offline.error</c>: marks reserved events as failed.</summary>
    public async Task ErrorAsync(string processId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync("event.offline.error", new JObject { ["process_id"] = processId, ["message_id"] = new JArray(messageIds) }, cancellationToken);

    /// <summary><c>event.offline.list</c>: looks at the queue without taking anything.</summary>
    public async Task<IReadOnlyList<OfflineEvent>> ListAsync(CancellationToken cancellationToken = default) =>
        Bitrix24Json.To<List<OfflineEvent>>((await requestor.CallAsync("event.offline.list", null, cancellationToken)).Result);
}
