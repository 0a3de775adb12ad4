using System.Collections.Concurrent;
using System.Globalization;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.OAuth;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Events;

/// <summary>
/// Portal events (bitrix24-rest.md §4). Online handlers get a form POST after the REST answer, asynchronously, once —
/// never retried (§4.5); events caused through the API carry no access token (§4.3). Offline bindings (§4.6) queue
/// the latest entry per (event, object).
/// </summary>
internal sealed partial class EventDispatcher(Portal portal, ILogger logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, Task> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _deliveryIds;

    /// <summary>Called with the state lock held, from a method that changed an item.</summary>
    public static void Raise(MethodCall call, string eventName, JObject fields)
    {
        var state = call.State;
        foreach (var binding in state.Bindings.Values.Where(b => string.Equals(b.Event, eventName, StringComparison.Ordinal)).ToList())
        {
            if (binding.Offline)
            {
                Enqueue(state, eventName, fields, call.Caller.UserId, call.Now);
            }
            else
            {
                call.Deliveries.Add(new EventDelivery(binding.Id, binding.Handler, eventName, (JObject)fields.DeepClone()));
            }
        }
    }

    /// <summary>Sends deliveries in the background (after the answer went out).</summary>
    public void Send(IReadOnlyList<EventDelivery> deliveries)
    {
        if (deliveries.Count == 0 || _stopping.IsCancellationRequested)
        {
            return;
        }

        var id = Interlocked.Increment(ref _deliveryIds);
        var task = Task.Run(() => SendAllAsync(deliveries, _stopping.Token));
        _running[id] = task;
        task.ContinueWith(_ => _running.TryRemove(id, out Task? _), TaskScheduler.Default);
    }

    /// <summary>The form an event handler receives (§4.3), PHP bracket keys.</summary>
    public List<KeyValuePair<string, string>> Payload(EventDelivery delivery)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("event", delivery.EventName),
            new("event_handler_id", delivery.HandlerId.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var (key, value) in delivery.Fields)
        {
            form.Add(new($"data[FIELDS][{key}]", Params.AsString(value) ?? ""));
        }

        form.Add(new("ts", portal.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        form.AddRange(portal.AuthWithoutTokens("auth"));
        return form;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_running.Values);
        }
        catch (OperationCanceledException)
        {
            // Deliveries cut short by the portal stopping.
        }

        _stopping.Dispose();
    }

    private static void Enqueue(PortalState state, string eventName, JObject fields, int userId, DateTimeOffset now)
    {
        var objectId = Params.AsString(fields["ID"]) ?? "";

        // §4.6: the queue keeps the latest state per object, not history; an entry already reserved by a reader stays.
        var previous = state.OfflineEvents.Values.FirstOrDefault(e => e.ProcessId is null && string.Equals(e.EventName, eventName, StringComparison.Ordinal) && string.Equals(e.ObjectId, objectId, StringComparison.Ordinal));
        if (previous is not null)
        {
            state.OfflineEvents.Remove(previous.Id);
        }

        var id = state.NextId("offline");
        state.OfflineEvents[id] = new OfflineEvent(
            id,
            PortalTime.Iso(now),
            eventName,
            objectId,
            new JObject { ["FIELDS"] = fields.DeepClone() },
            new JObject { ["user_id"] = userId.ToString(CultureInfo.InvariantCulture) },
            RandomTokens.Hex(32),
            null,
            false);
    }

    private async Task SendAllAsync(IReadOnlyList<EventDelivery> deliveries, CancellationToken cancellationToken)
    {
        foreach (var delivery in deliveries)
        {
            await SendAsync(delivery, cancellationToken);
        }
    }

    private async Task SendAsync(EventDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new FormUrlEncodedContent(Payload(delivery));
            using var response = await portal.Outbound.PostAsync(new Uri(delivery.Handler), content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                portal.Stats.EventDelivered();
                return;
            }

            portal.Stats.EventFailed();
            LogDeliveryFailed(delivery.EventName, (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            // §4.5: the queue logs the failure and never sends the event again.
            portal.Stats.EventFailed();
            if (!cancellationToken.IsCancellationRequested)
            {
                LogDeliveryFailed(delivery.EventName, 0);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Event {EventName} was not delivered (status {Status}); it is not sent again")]
    private partial void LogDeliveryFailed(string eventName, int status);
}
