using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Events;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Rest;

/// <summary>One method invocation: its parameters, the caller, and the events it raised (sent after the answer, §4.5).</summary>
internal sealed class MethodCall(Portal portal, string method, JObject parameters, Caller caller, List<EventDelivery> deliveries)
{
    public Portal Portal { get; } = portal;

    public PortalState State => Portal.State;

    public string Method { get; } = method;

    public JObject Parameters { get; } = parameters;

    public Caller Caller { get; } = caller;

    /// <summary>Online event deliveries this call caused; the HTTP layer sends them after answering.</summary>
    public List<EventDelivery> Deliveries { get; } = deliveries;

    public DateTimeOffset Now => Portal.Now;

    /// <summary>Raises a portal event: queues it for offline subscribers and schedules online deliveries.</summary>
    public void Raise(string eventName, JObject fields) => EventDispatcher.Raise(this, eventName, fields);

    public void RequireAdmin()
    {
        if (!State.Users.TryGetValue(Caller.UserId, out var user) || !user.Admin)
        {
            throw RestException.AccessDenied("Administrator authorization required");
        }
    }
}
