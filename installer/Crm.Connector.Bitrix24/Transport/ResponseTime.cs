using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Transport;

/// <summary>
/// The <c>time</c> block of an answer (bitrix24-rest.md §12.3): <see cref="Operating"/> is the seconds this method
/// has used of its budget in the current window, which frees up at <see cref="OperatingResetAt"/>.
/// </summary>
public sealed record ResponseTime(double Duration, double Processing, double Operating, DateTimeOffset? OperatingResetAt)
{
    /// <summary>Reads a <c>time</c> object; null when absent.</summary>
    public static ResponseTime? From(JToken? token)
    {
        if (token is not JObject time)
        {
            return null;
        }

        var reset = time.Value<double?>("operating_reset_at");
        return new ResponseTime(
            time.Value<double?>("duration") ?? 0,
            time.Value<double?>("processing") ?? 0,
            time.Value<double?>("operating") ?? 0,
            reset is > 0 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(reset.Value * 1000)) : null);
    }
}
