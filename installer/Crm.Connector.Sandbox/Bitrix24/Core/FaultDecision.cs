namespace Crm.Connector.Sandbox.Bitrix24.Core;

/// <summary>Which faults hit one REST request.</summary>
internal sealed record FaultDecision(TimeSpan Latency, bool Error, bool DropBefore, bool DropAfter);
