using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Invocation;

/// <summary>A timer on a six-field NCRONTAB schedule (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>).</summary>
public sealed record TimerTrigger(string Schedule) : FunctionTrigger
{
    public override string Name => "timer";

    public override JObject ToBinding() => new()
    {
        ["type"] = "timerTrigger",
        ["direction"] = "in",
        ["name"] = Name,
        ["schedule"] = Schedule,
        ["runOnStartup"] = false,
        ["useMonitor"] = true,
    };
}
