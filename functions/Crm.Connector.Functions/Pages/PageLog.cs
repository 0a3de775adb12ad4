namespace Crm.Connector.Functions.Pages;

/// <summary>The pages' log lines (portal id first; never a token or a file's content).</summary>
internal static partial class PageLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Import {Id} on {MemberId} not started: already running, done or unknown")]
    public static partial void ImportNotStarted(ILogger logger, string memberId, string id);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Import {Id} on {MemberId} done: {Rows} rows, {Created} created, {Merged} merged, {Skipped} skipped, {Invalid} invalid, {Failed} refused, {Requests} requests")]
    public static partial void ImportDone(ILogger logger, string memberId, string id, int rows, int created, int merged, int skipped, int invalid, int failed, int requests);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "Import {Id} on {MemberId} stopped: {Why}")]
    public static partial void ImportFailed(ILogger logger, string memberId, string id, string why);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "A message on the imports queue is not an import run; dropped")]
    public static partial void NotAnImportMessage(ILogger logger);
}
