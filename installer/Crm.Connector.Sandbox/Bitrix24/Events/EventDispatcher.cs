using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.OAuth;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Events;

/// <summary>
/// Portal events (bitrix24-rest.md §4). A method that changes something collects deliveries for the online handlers;
/// after the REST answer went out they enter a queue that a fixed number of workers drain (§4.5: delivered through a
/// queue, asynchronously, in no guaranteed order) — REST never waits for a handler. Each delivery is tried once: a
/// handler that answers non-2xx, times out or is down loses the event (§4.5: no retries), counted in the stats.
/// Changes made through REST, the app's own included, raise events (§4.3: the app filters its own echoes); those
/// events carry no access token. Offline bindings (§4.6) queue the latest entry per (event, object, auth_connector)
/// and notify ONOFFLINEEVENT handlers, throttled by their <c>minTimeout</c>.
/// </summary>
internal sealed partial class EventDispatcher : IAsyncDisposable
{
    public const string OfflineNotice = "ONOFFLINEEVENT";

    private readonly Portal _portal;
    private readonly ILogger _logger;
    private readonly Channel<EventDelivery> _queue = Channel.CreateUnbounded<EventDelivery>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;
    private readonly ConcurrentDictionary<int, Task> _deferred = new();
    private readonly ConcurrentDictionary<string, int> _failuresByHandler = new(StringComparer.Ordinal);
    private int _pending;
    private int _deferredIds;

    public EventDispatcher(Portal portal, ILogger logger, int concurrency)
    {
        _portal = portal;
        _logger = logger;
        _workers = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync))];
    }

    /// <summary>Deliveries queued or being sent.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Called with the state lock held, from a method that changed an item.</summary>
    public static void Raise(MethodCall call, string eventName, JObject fields)
    {
        var state = call.State;
        var connectors = call.Portal.Plan.AuthConnector;
        var connector = connectors ? call.Parameters.String("auth_connector")?.Trim() ?? "" : "";
        var queued = false;
        foreach (var binding in state.Bindings.Values.Where(b => string.Equals(b.Event, eventName, StringComparison.Ordinal)).ToList())
        {
            if (binding.Offline)
            {
                // §4.6 loop avoidance: a change made with the binding's auth_connector is not queued for it.
                var queue = connectors ? binding.AuthConnector : "";
                if (queue.Length > 0 && string.Equals(queue, connector, StringComparison.Ordinal))
                {
                    continue;
                }

                Enqueue(state, eventName, fields, call.Caller.UserId, call.Now, queue);
                queued = true;
            }
            else
            {
                call.Deliveries.Add(new EventDelivery(binding.Id, binding.Handler, eventName, (JObject)fields.DeepClone()));
            }
        }

        if (queued)
        {
            NotifyOffline(call);
        }
    }

    /// <summary>Queues deliveries for the workers (after the answer went out); returns at once.</summary>
    public void Send(IReadOnlyList<EventDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _pending);
            if (_queue.Writer.TryWrite(delivery))
            {
                _portal.Stats.EventQueued();
            }
            else
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    /// <summary>Completes when every delivery queued so far was sent (delivered or failed).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _pending) > 0)
        {
            await Task.Delay(10, cancellationToken);
        }
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

        form.Add(new("ts", _portal.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        if (delivery.Tokens is { } tokens)
        {
            form.Add(new("auth[access_token]", tokens.AccessToken));
            form.Add(new("auth[expires_in]", ((int)_portal.Tokens.AccessLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
        }

        form.AddRange(_portal.AuthWithoutTokens("auth"));
        if (delivery.Tokens is { } refresh)
        {
            form.Add(new("auth[refresh_token]", refresh.RefreshToken));
        }

        return form;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await Task.WhenAll([.. _workers, .. _deferred.Values]);
        _stopping.Dispose();
    }

    private static void Enqueue(PortalState state, string eventName, JObject fields, int userId, DateTimeOffset now, string connector)
    {
        var objectId = Params.AsString(fields["ID"]) ?? "";

        // §4.6: the queue keeps the latest state per object, not history; an entry already reserved by a reader stays.
        var previous = state.OfflineEvents.Values.FirstOrDefault(e =>
            e.ProcessId is null &&
            string.Equals(e.EventName, eventName, StringComparison.Ordinal) &&
            string.Equals(e.ObjectId, objectId, StringComparison.Ordinal) &&
            string.Equals(e.AuthConnector, connector, StringComparison.Ordinal));
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
            false,
            connector);
    }

    /// <summary>
    /// §4.6 ONOFFLINEEVENT: the queue got new entries. At most one notice per handler per request ("hit"); with
    /// <c>minTimeout</c> N &gt; 0 (default 1 s) the next notice waits until N seconds after the last one and then goes
    /// out once for everything queued meanwhile; with 0 there is no pause. UNCONFIRMED: the reference (§4.6, §16) says
    /// <c>data</c> is empty in practice, while the docs' sample lists type/event/handler/minTimeout — the sandbox sends
    /// no <c>data</c>, so an app must not depend on it. The <c>auth</c> block carries tokens (with refresh_token, §1.3)
    /// of the binding's auth_type user, else of the user whose change was queued.
    /// </summary>
    private static void NotifyOffline(MethodCall call)
    {
        var state = call.State;
        var now = call.Now;
        foreach (var binding in state.Bindings.Values.Where(b => !b.Offline && string.Equals(b.Event, OfflineNotice, StringComparison.Ordinal)).ToList())
        {
            if (call.Deliveries.Any(d => d.HandlerId == binding.Id) || state.OfflineNoticesDeferred.Contains(binding.Id))
            {
                continue;
            }

            var minTimeout = TimeSpan.FromSeconds(Math.Max(0, (binding.Options is { } options ? options.Int("minTimeout") : null) ?? 1));
            if (minTimeout > TimeSpan.Zero && state.OfflineNotices.TryGetValue(binding.Id, out var last) && now < last + minTimeout)
            {
                state.OfflineNoticesDeferred.Add(binding.Id);
                call.Portal.Events.Defer(binding.Id, call.Caller.UserId, last + minTimeout - now);
                continue;
            }

            state.OfflineNotices[binding.Id] = now;
            call.Deliveries.Add(Notice(call.Portal, binding, call.Caller.UserId));
        }
    }

    private static EventDelivery Notice(Portal portal, EventBinding binding, int userId)
    {
        var user = binding.AuthType != 0 && portal.State.Users.ContainsKey(binding.AuthType) ? binding.AuthType : userId;
        return new EventDelivery(binding.Id, binding.Handler, OfflineNotice, [], portal.Tokens.Issue(user));
    }

    /// <summary>Sends binding <paramref name="bindingId"/>'s ONOFFLINEEVENT notice after <paramref name="delay"/> (portal clock).</summary>
    private void Defer(int bindingId, int userId, TimeSpan delay)
    {
        var id = Interlocked.Increment(ref _deferredIds);
        var task = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(delay, _portal.Clock, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            EventDelivery? notice = null;
            lock (_portal.State.Gate)
            {
                var state = _portal.State;
                if (state.OfflineNoticesDeferred.Remove(bindingId) && state.Bindings.TryGetValue(bindingId, out var binding))
                {
                    state.OfflineNotices[bindingId] = _portal.Now;
                    notice = Notice(_portal, binding, userId);
                }
            }

            if (notice is not null)
            {
                Send([notice]);
            }
        });
        _deferred[id] = task;
        task.ContinueWith(_ => _deferred.TryRemove(id, out Task? _), TaskScheduler.Default);
    }

    private async Task WorkAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                while (_queue.Reader.TryRead(out var delivery))
                {
                    try
                    {
                        await SendAsync(delivery, _stopping.Token);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _pending);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The portal is stopping; what is still queued is not sent.
        }
    }

    private async Task SendAsync(EventDelivery delivery, CancellationToken cancellationToken)
    {
        int status;
        try
        {
            using var content = new FormUrlEncodedContent(Payload(delivery));
            using var response = await _portal.Outbound.PostAsync(new Uri(delivery.Handler), content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                _portal.Stats.EventDelivered();
                return;
            }

            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or UriFormatException or IOException)
        {
            // §4.5: the queue logs the failure and never sends the event again.
            status = 0;
        }

        _portal.Stats.EventFailed();
        var failures = _failuresByHandler.AddOrUpdate(delivery.Handler, 1, (_, count) => count + 1);
        if (!cancellationToken.IsCancellationRequested && IsPowerOfTen(failures))
        {
            LogDeliveryFailed(delivery.EventName, delivery.Handler, status, failures);
        }
    }

    /// <summary>1, 10, 100…: a dead handler is reported, not once per lost event.</summary>
    private static bool IsPowerOfTen(int value)
    {
        while (value % 10 == 0)
        {
            value /= 10;
        }

        return value == 1;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Event {EventName} to {Handler} was not delivered (status {Status}; {Failures} lost for this handler so far); events are not sent again")]
    private partial void LogDeliveryFailed(string eventName, string handler, int status, int failures);
}
