using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>
/// The message on the <c>amocrm-provision</c> queue: "install the template on this account". The consent redirect must
/// answer within 3 s (amocrm-api.md §2.3) and a template takes a few hundred requests at 7 a second, so the install
/// stores the account and queues this; the queue's retries and poison queue (host.json) cover a failed run.
/// </summary>
public static class AmoProvisionMessage
{
    public const string Queue = "amocrm-provision";

    public static string For(string memberId) => new JObject { ["memberId"] = memberId }.ToString(Newtonsoft.Json.Formatting.None);

    /// <summary>The installation a message names; null when it is not one.</summary>
    public static string? MemberOf(string text)
    {
        try
        {
            return JObject.Parse(text).Value<string>("memberId") is { Length: > 0 } member && AmoInstallations.AccountIdOf(member) is not null ? member : null;
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return null;
        }
    }
}
