using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24;

/// <summary>The message on the <c>crm-work</c> queue: "portal X has accepted work" (the work itself is in the store's inbox).</summary>
public static class WorkMessage
{
    public const string Queue = "crm-work";

    public static JObject Drain(string memberId) => new() { ["kind"] = "drain", ["memberId"] = memberId };

    /// <summary>The portal a message asks to drain; null when it is not a drain message.</summary>
    public static string? MemberOf(string text)
    {
        try
        {
            var message = JObject.Parse(text);
            return message.Value<string>("kind") == "drain" && message.Value<string>("memberId") is { Length: > 0 } member ? member : null;
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return null;
        }
    }
}
