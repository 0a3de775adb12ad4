using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>
/// An entry of the offline event queue (§4.6); <see cref="ProcessId"/> is set while reserved; <see cref="AuthConnector"/>
/// names the queue (empty = the binding had no <c>auth_connector</c>).
/// </summary>
internal sealed record OfflineEvent(int Id, string Timestamp, string EventName, string ObjectId, JObject Data, JObject Additional, string MessageId, string? ProcessId, bool Error, string AuthConnector = "");
