using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24;

/// <summary>The message on the <c>crm-work</c> queue: "portal X has accepted work" (the work itself is in the store's inbox).</summary>
public static class WorkMessage
{
    public const string Queue = "crm-work";

    /// <summary>The text of a drain request for <paramref name="memberId"/>.</summary>
    public static string Drain(string memberId) =>
        new JObject { ["kind"] = "drain", ["memberId"] = memberId }.ToString(Newtonsoft.Json.Formatting.None);

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
