namespace Crm.Connector.Sandbox.Bitrix24.Rest;

/// <summary>
/// How one method call went: its result or error, and its timing for the <c>time</c> block (§12.3). <see cref="DropAnswer"/>:
/// a test asked for the request carrying it to go unanswered (<see cref="SandboxFaults.DropAnswerAfter"/>).
/// </summary>
internal sealed record MethodOutcome(MethodResult? Result, RestException? Error, DateTimeOffset Start, DateTimeOffset Finish, TimeSpan Processing, TimeSpan Operating, DateTimeOffset OperatingResetAt, bool DropAnswer = false);
