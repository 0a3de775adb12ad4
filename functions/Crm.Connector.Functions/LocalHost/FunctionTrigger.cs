namespace Crm.Connector.Functions.LocalHost;

/// <summary>A function's trigger as its attribute declares it (what <c>functions.metadata</c> lists for the Functions host).</summary>
internal abstract record FunctionTrigger;

/// <summary>An HTTP trigger at <c>/{routePrefix}/{Route}</c> for <see cref="Methods"/> (upper case).</summary>
internal sealed record HttpRouteTrigger(string Route, IReadOnlyList<string> Methods) : FunctionTrigger;

/// <summary>A queue trigger: one invocation per message of <see cref="Queue"/>.</summary>
internal sealed record QueueMessageTrigger(string Queue) : FunctionTrigger;

/// <summary>A timer on a six-field NCRONTAB schedule.</summary>
internal sealed record TimerScheduleTrigger(string Schedule, bool RunOnStartup) : FunctionTrigger;
