using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Events;

/// <summary>
/// One event to POST to one online handler (§4.3): <see cref="Fields"/> go out as <c>data[FIELDS][…]</c>;
/// <see cref="Tokens"/>, when present, put <c>access_token</c>, <c>expires_in</c> and <c>refresh_token</c> into the
/// <c>auth</c> block (ONOFFLINEEVENT, §4.6).
/// </summary>
internal sealed record EventDelivery(int HandlerId, string Handler, string EventName, JObject Fields, SandboxTokens? Tokens = null);
