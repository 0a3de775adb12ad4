using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>
/// An event handler bound with event.bind (§4.1); offline bindings have no handler URL and may name an
/// <c>auth_connector</c> (§4.6: their own queue, deaf to changes made with the same key). <see cref="Options"/> as given
/// (e.g. <c>{minTimeout: N}</c> for ONOFFLINEEVENT).
/// </summary>
internal sealed record EventBinding(int Id, string Event, string Handler, int AuthType, bool Offline, string AuthConnector = "", JObject? Options = null);
