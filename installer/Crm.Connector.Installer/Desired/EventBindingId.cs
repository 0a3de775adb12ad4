using Newtonsoft.Json.Linq;

namespace Crm.Connector.Installer.Desired;

/// <summary>How an event binding's ledger id (<c>EVENT|handler</c> or <c>EVENT|offline</c>) becomes <c>event.unbind</c> parameters.</summary>
public static class EventBindingId
{
    public const string Offline = "offline";

    public static JObject UnbindParameters(string portalId)
    {
        ArgumentNullException.ThrowIfNull(portalId);
        var parts = portalId.Split('|', 2);
        return parts[^1] == Offline
            ? new JObject { ["event"] = parts[0], ["event_type"] = Offline }
            : new JObject { ["event"] = parts[0], ["handler"] = parts[^1] };
    }
}
