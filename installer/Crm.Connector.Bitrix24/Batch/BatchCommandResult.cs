using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Batch;

/// <summary>The outcome of one command: its result, or the portal's error code and words, or why it did not run.</summary>
public sealed record BatchCommandResult(
    string Key,
    string Method,
    BatchCommandStatus Status,
    JToken? Result = null,
    string? ErrorCode = null,
    string? ErrorDescription = null,
    int? Total = null,
    int? Next = null)
{
    public bool Succeeded => Status == BatchCommandStatus.Succeeded;

    public override string ToString() => Status switch
    {
        BatchCommandStatus.Succeeded => $"{Key} ({Method}): ok",
        BatchCommandStatus.Failed => $"{Key} ({Method}): {ErrorCode} {ErrorDescription}".TrimEnd(),
        _ => $"{Key} ({Method}): not run — {ErrorDescription}",
    };
}
