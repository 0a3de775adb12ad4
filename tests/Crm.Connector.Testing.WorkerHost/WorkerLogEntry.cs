using Microsoft.Extensions.Logging;

namespace Crm.Connector.Testing.WorkerHost;

/// <summary>A log message the worker sent over the protocol (<c>RpcLog</c>).</summary>
/// <param name="At">Time since the worker process was started.</param>
/// <param name="Level">Log level (the protocol's levels map one to one).</param>
/// <param name="Category">Logger category, e.g. the function class.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">Exception type, message and stack trace, if one was logged.</param>
/// <param name="InvocationId">The invocation the message belongs to, if any.</param>
/// <param name="IsSystem">A message of the worker itself rather than of the function code.</param>
public sealed record WorkerLogEntry(TimeSpan At, LogLevel Level, string Category, string Message, string? Exception, string? InvocationId, bool IsSystem)
{
    public override string ToString() =>
        $"{At.TotalSeconds,7:0.000}s {Level,-11} {Category}: {Message}{(Exception is null ? "" : " | " + Exception)}";
}
