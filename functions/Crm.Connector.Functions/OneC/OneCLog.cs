namespace Crm.Connector.Functions.OneC;

internal static partial class OneCLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Portal {MemberId}: {Entity} {ItemId}: 1C invoice {Number} for {Total:0.00} ({How})")]
    public static partial void Invoiced(ILogger logger, string memberId, string entity, long itemId, string? number, decimal total, string how);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Portal {MemberId}: {Entity} {ItemId}: 1C conflict recorded, nothing written to 1C: {Conflict}")]
    public static partial void Conflict(ILogger logger, string memberId, string entity, long itemId, string conflict);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Portal {MemberId}: 1C work {Kind} failed (attempt {Attempt}), retried at {RetryAt:u}: {Failure}")]
    public static partial void WorkFailed(ILogger logger, string memberId, string kind, int attempt, DateTimeOffset retryAt, string failure);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Portal {MemberId}: 1C {Poll}: {Receipts} receipts in the window, {Changed} new or changed, {Gone} gone, {Invoices} invoices' payments changed, {Unmatched} unmatched; {Requests} requests to 1C")]
    public static partial void Polled(ILogger logger, string memberId, string poll, int receipts, int changed, int gone, int invoices, int unmatched, int requests);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Portal {MemberId}: 1C poll failed, the same window is read again next time: {Failure}")]
    public static partial void PollFailed(ILogger logger, string memberId, string failure);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Portal {MemberId}: {Entity} {ItemId}: 1C paid {Paid:0.00} of {Total:0.00}")]
    public static partial void Paid(ILogger logger, string memberId, string entity, long itemId, decimal paid, decimal total);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Debug, Message = "Portal {MemberId}: 1C {Poll}: {Receipts} receipts in the window, nothing new; {Requests} requests to 1C")]
    public static partial void PolledNothingNew(ILogger logger, string memberId, string poll, int receipts, int requests);
}
