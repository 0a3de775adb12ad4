using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Events;

/// <summary>
/// <c>event.bind</c>, <c>event.get</c>, <c>event.unbind</c> (bitrix24-rest.md §4.1, §4.2), application context only.
/// Binding the same event and handler twice is ERROR_CORE "Unable to set event handler"; offline bindings
/// (<c>event_type=offline</c>, no handler; optional <c>auth_connector</c>, §4.6: one queue per key) and another user's
/// <c>auth_type</c> need an admin. <c>options</c> (e.g. <c>{minTimeout: N}</c> for ONOFFLINEEVENT) are kept.
/// Every binding belongs to the app: an update or uninstall removes them all (§4.1).
/// </summary>
internal static class EventMethods
{
    public static void Register(MethodRegistry methods)
    {
        methods.Add("event.bind", Bind);
        methods.Add("event.get", Get);
        methods.Add("event.unbind", Unbind);
    }

    public static JObject ToJson(EventBinding binding) => new()
    {
        ["event"] = binding.Event,
        ["handler"] = binding.Handler,
        ["auth_type"] = Params.Text(binding.AuthType),
        ["offline"] = binding.Offline ? 1 : 0,
    };

    private static MethodResult Bind(MethodCall call)
    {
        var name = call.Parameters.String("event")?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(name) || !EventNames.Known.Contains(name))
        {
            throw new RestException("ERROR_EVENT_NOT_FOUND", $"Event '{name}' not found.");
        }

        var offline = string.Equals(call.Parameters.String("event_type")?.Trim(), "offline", StringComparison.OrdinalIgnoreCase);
        var authType = call.Parameters.Int("auth_type") ?? 0;
        if (offline || (authType != 0 && authType != call.Caller.UserId))
        {
            call.RequireAdmin();
        }

        var handler = "";
        if (!offline)
        {
            handler = call.Parameters.String("handler")?.Trim() ?? "";
            if (!Uri.TryCreate(handler, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw RestException.Core("Unable to set event handler: the handler must be an absolute http or https URL.");
            }
        }

        var connector = offline ? call.Parameters.String("auth_connector")?.Trim() ?? "" : "";
        if (call.State.Bindings.Values.Any(b => b.Event == name && b.Offline == offline && string.Equals(b.Handler, handler, StringComparison.Ordinal) && string.Equals(b.AuthConnector, connector, StringComparison.Ordinal)))
        {
            throw RestException.Core("Unable to set event handler: Handler already binded");
        }

        var id = call.State.NextId("binding");
        call.State.Bindings[id] = new EventBinding(id, name, handler, authType, offline, connector, call.Parameters.Object("options")?.DeepClone() as JObject);
        return MethodResult.True;
    }

    private static MethodResult Get(MethodCall call) => MethodResult.Of(new JArray(call.State.Bindings.Values.Select(ToJson)));

    /// <summary>§4.2: removes the bindings of the event with that handler (and event_type / auth_type when given) → <c>{count}</c>.</summary>
    private static MethodResult Unbind(MethodCall call)
    {
        var name = call.Parameters.String("event")?.Trim().ToUpperInvariant() ?? throw RestException.Core("Required parameter 'event' is missing.");
        var handler = call.Parameters.String("handler")?.Trim() ?? "";
        var eventType = call.Parameters.String("event_type")?.Trim().ToLowerInvariant();
        var authType = call.Parameters.Int("auth_type");
        var removed = call.State.Bindings.Values.Where(b =>
            b.Event == name &&
            string.Equals(b.Handler, handler, StringComparison.Ordinal) &&
            (eventType is null or "" || b.Offline == (eventType == "offline")) &&
            (authType is null || b.AuthType == authType)).ToList();
        foreach (var binding in removed)
        {
            call.State.Bindings.Remove(binding.Id);
        }

        return MethodResult.Of(new JObject { ["count"] = removed.Count });
    }
}
