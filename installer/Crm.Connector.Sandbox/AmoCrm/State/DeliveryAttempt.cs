namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>One webhook POST: when, what came back (0 = no answer) and whether it counts as delivered (100–299).</summary>
internal sealed record DeliveryAttempt(DateTimeOffset At, int StatusCode, bool Succeeded, string Keys);
