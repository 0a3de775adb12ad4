using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Im;

/// <summary>
/// <c>im.notify.system.add</c> and <c>im.notify.personal.add</c> (scope im, bitrix24-rest.md §9): USER_ID*
/// (USER_ID_EMPTY), MESSAGE* (MESSAGE_EMPTY), TAG (a notification with the same TAG is replaced) → the id.
/// </summary>
internal static class NotifyMethods
{
    public static void Register(MethodRegistry methods)
    {
        methods.Add("im.notify.system.add", call => Add(call, "system"));
        methods.Add("im.notify.personal.add", call => Add(call, "personal"));
    }

    private static MethodResult Add(MethodCall call, string kind)
    {
        var userId = call.Parameters.Int("USER_ID");
        if (userId is null or <= 0)
        {
            throw new RestException("USER_ID_EMPTY", "Recipient user ID is empty.");
        }

        var message = call.Parameters.String("MESSAGE");
        if (string.IsNullOrWhiteSpace(message))
        {
            throw new RestException("MESSAGE_EMPTY", "Message text is empty.");
        }

        var tag = call.Parameters.String("TAG");
        if (!string.IsNullOrEmpty(tag))
        {
            foreach (var same in call.State.Notifications.Values.Where(n => string.Equals(n.Tag, tag, StringComparison.Ordinal)).ToList())
            {
                call.State.Notifications.Remove(same.Id);
            }
        }

        var id = call.State.NextId("notification");
        call.State.Notifications[id] = new Notification(id, kind, userId.Value, message, string.IsNullOrEmpty(tag) ? null : tag, call.Caller.UserId, PortalTime.Iso(call.Now));
        return MethodResult.Of(id);
    }
}
