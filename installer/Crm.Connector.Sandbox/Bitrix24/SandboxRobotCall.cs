using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>A robot call the sandbox made (bitrix24-rest.md §5.3) and what the app answered with <c>bizproc.event.send</c> (§5.4).</summary>
/// <param name="Code">The robot's CODE.</param>
/// <param name="DocumentId">The document, e.g. <c>DEAL_12</c>.</param>
/// <param name="WorkflowId">The workflow id sent as <c>workflow_id</c>.</param>
/// <param name="Answered">The app called <c>bizproc.event.send</c> with this call's <c>event_token</c>.</param>
/// <param name="ReturnValues">Its <c>RETURN_VALUES</c> as sent (null until answered or when none were sent).</param>
/// <param name="LogMessage">Its <c>LOG_MESSAGE</c>, or null.</param>
public sealed record SandboxRobotCall(string Code, string DocumentId, string WorkflowId, bool Answered, JToken? ReturnValues, string? LogMessage);
