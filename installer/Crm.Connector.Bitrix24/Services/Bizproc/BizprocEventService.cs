using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Services.Bizproc;

/// <summary><c>bizproc.event.send</c>: a waiting robot's answer (bitrix24-rest.md §5.4).</summary>
public sealed class BizprocEventService(Bitrix24Requestor requestor)
{
    /// <summary>Returns <paramref name="returnValues"/> to the workflow waiting on <paramref name="eventToken"/>.</summary>
    public async Task SendAsync(string eventToken, JObject? returnValues = null, string? logMessage = null, CancellationToken cancellationToken = default)
    {
        var parameters = new JObject { ["EVENT_TOKEN"] = eventToken };
        if (returnValues is not null)
        {
            parameters["RETURN_VALUES"] = returnValues;
        }

        if (logMessage is not null)
        {
            parameters["LOG_MESSAGE"] = logMessage;
        }

        await requestor.CallAsync("bizproc.event.send", parameters, cancellationToken);
    }
}
