namespace Crm.Connector.Sandbox.Bitrix24.Rest;

/// <summary>How one method call went: its result or error, and its timing for the <c>time</c> block (§12.3).</summary>
internal sealed record MethodOutcome(MethodResult? Result, RestException? Error, DateTimeOffset Start, DateTimeOffset Finish, TimeSpan Processing, TimeSpan Operating, DateTimeOffset OperatingResetAt);
