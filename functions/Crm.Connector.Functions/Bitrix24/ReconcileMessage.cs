using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24;

/// <summary>
/// The message on the <c>reconcile-portal</c> queue: "sweep portal X; asked at T". A portal swept at or after T skips
/// the message: it came twice, or the queue fell behind and holds an older request too.
/// </summary>
public static class ReconcileMessage
{
    public const string Queue = "reconcile-portal";

    /// <summary>The text of a sweep request for <paramref name="memberId"/> made at <paramref name="requestedAt"/>.</summary>
    public static string For(string memberId, DateTimeOffset requestedAt) =>
        new JObject { ["kind"] = "reconcile", ["memberId"] = memberId, ["requestedAt"] = requestedAt.ToUnixTimeMilliseconds() }.ToString(Newtonsoft.Json.Formatting.None);

    /// <summary>The portal and request time a message names; null when it is not a sweep request.</summary>
    public static (string MemberId, DateTimeOffset RequestedAt)? Parse(string text)
    {
        try
        {
            var message = JObject.Parse(text);
            return message.Value<string>("kind") == "reconcile"
                && message.Value<string>("memberId") is { Length: > 0 } member
                && message["requestedAt"] is { Type: JTokenType.Integer } requestedAt
                ? (member, DateTimeOffset.FromUnixTimeMilliseconds(requestedAt.Value<long>()))
                : null;
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return null;
        }
    }
}
