using Crm.Connector.Bitrix24.Models;
using Crm.Connector.Bitrix24.Requests;
using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Services.Events;

/// <summary><c>event.bind</c>, <c>event.get</c>, <c>event.unbind</c> (app context; bitrix24-rest.md §4).</summary>
public sealed class EventService(Bitrix24Requestor requestor)
{
    /// <summary>The offline event queue.</summary>
    public OfflineEventService Offline { get; } = new(requestor);

    /// <summary><c>event.bind</c>. Binding the same handler twice is refused by the portal.</summary>
    public async Task BindAsync(EventBindRequest request, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync("event.bind", Bitrix24Json.From(request), cancellationToken);

    /// <summary><c>event.get</c>: this app's bound handlers.</summary>
    public async Task<IReadOnlyList<EventHandlerBinding>> GetAsync(CancellationToken cancellationToken = default) =>
        Bitrix24Json.To<List<EventHandlerBinding>>((await requestor.CallAsync("event.get", null, cancellationToken)).Result);

    /// <summary><c>event.unbind</c>; returns how many bindings went.</summary>
    public async Task<int> UnbindAsync(string eventName, string? handler, CancellationToken cancellationToken = default)
    {
        var parameters = new JObject { ["event"] = eventName };
        if (handler is not null)
        {
            parameters["handler"] = handler;
        }

        return (await requestor.CallAsync("event.unbind", parameters, cancellationToken)).Result.Value<int?>("count") ?? 0;
    }
}
