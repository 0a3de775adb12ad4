using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Events;

/// <summary>One event to POST to one online handler (§4.3).</summary>
internal sealed record EventDelivery(int HandlerId, string Handler, string EventName, JObject Fields);
