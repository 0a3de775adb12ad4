using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>A call of a robot's handler (§5.3) and, once the app answered with bizproc.event.send (§5.4), its values.</summary>
internal sealed record RobotCall(string EventToken, string Code, string DocumentId, string WorkflowId, bool Waits, string Called, bool Answered = false, JToken? ReturnValues = null, string? LogMessage = null);
