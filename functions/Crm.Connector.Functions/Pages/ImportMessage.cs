using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Pages;

/// <summary>The message on the <c>imports</c> queue: "run import X of installation Y" (the file and the choice are in the store).</summary>
public static class ImportMessage
{
    public const string Queue = "imports";

    public static string Run(string memberId, string id) =>
        new JObject { ["memberId"] = memberId, ["id"] = id }.ToString(Newtonsoft.Json.Formatting.None);

    /// <summary>The installation and import a message names; null when it is not one.</summary>
    public static (string MemberId, string Id)? Parse(string text)
    {
        try
        {
            var message = JObject.Parse(text);
            return message.Value<string>("memberId") is { Length: > 0 } member && message.Value<string>("id") is { Length: 32 } id ? (member, id) : null;
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return null;
        }
    }
}
