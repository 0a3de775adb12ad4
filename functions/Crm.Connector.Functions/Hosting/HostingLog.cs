namespace Crm.Connector.Functions.Hosting;

/// <summary>Log messages of the host (stable event ids).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Crm.Connector function app listening on {Url} ({Mode})")]
    public static partial void Listening(ILogger logger, string url, HostingMode mode);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Crm.Connector function app stopping ({Mode})")]
    public static partial void Stopping(ILogger logger, HostingMode mode);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Function {Function} failed")]
    public static partial void InvocationFailed(ILogger logger, Exception exception, string function);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Function {Function} was cancelled")]
    public static partial void InvocationCancelled(ILogger logger, string function);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} moved to {PoisonQueue} after {DequeueCount} attempts")]
    public static partial void Poisoned(ILogger logger, string queue, long messageId, string poisonQueue, int dequeueCount);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "Queue listener for {Queue} failed; retrying")]
    public static partial void QueueListenerFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Error, Message = "Timer {Function} failed to run")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string function);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "{Line}")]
    public static partial void FunctionLog(ILogger logger, string line);
}
