using Crm.Connector.Sandbox.Bitrix24.Core;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Rest;

/// <summary>
/// The <c>time</c> block of every answer (bitrix24-rest.md §12.3): <c>start, finish</c> (float unix), <c>duration</c>,
/// <c>processing</c>, <c>date_start</c>, <c>date_finish</c> (ISO), <c>operating_reset_at</c> (int unix), <c>operating</c>
/// (float seconds, §12.2).
/// </summary>
internal static class TimeBlock
{
    public static JObject Of(MethodOutcome outcome) =>
        Build(outcome.Start, outcome.Finish, outcome.Processing, outcome.Operating, outcome.OperatingResetAt);

    public static JObject Build(DateTimeOffset start, DateTimeOffset finish, TimeSpan processing, TimeSpan operating, DateTimeOffset operatingResetAt) => new()
    {
        ["start"] = PortalTime.UnixSeconds(start),
        ["finish"] = PortalTime.UnixSeconds(finish),
        ["duration"] = (finish - start).TotalSeconds,
        ["processing"] = processing.TotalSeconds,
        ["date_start"] = PortalTime.Iso(start),
        ["date_finish"] = PortalTime.Iso(finish),
        ["operating_reset_at"] = operatingResetAt.ToUnixTimeSeconds(),
        ["operating"] = operating.TotalSeconds,
    };
}
