using Crm.Connector.Sandbox.Bitrix24.Events;
using Crm.Connector.Sandbox.Bitrix24.Methods.App;
using Crm.Connector.Sandbox.Bitrix24.Methods.Bizproc;
using Crm.Connector.Sandbox.Bitrix24.Methods.Crm;
using Crm.Connector.Sandbox.Bitrix24.Methods.Im;
using Crm.Connector.Sandbox.Bitrix24.Methods.Items;
using Crm.Connector.Sandbox.Bitrix24.Methods.Placement;
using Crm.Connector.Sandbox.Bitrix24.Methods.Tasks;
using Crm.Connector.Sandbox.Bitrix24.Methods.Users;
using Crm.Connector.Sandbox.Bitrix24.Rest;

namespace Crm.Connector.Sandbox.Bitrix24.Methods;

/// <summary>Every REST method the sandbox portal answers (<c>batch</c> is handled by the HTTP layer).</summary>
internal static class MethodCatalog
{
    public static MethodRegistry Build()
    {
        var methods = new MethodRegistry();
        CategoryMethods.Register(methods);
        StatusMethods.Register(methods);
        UserFieldMethods.Register(methods);
        LegacyItemMethods.Register(methods);
        ItemMethods.Register(methods);
        ImportMethods.Register(methods);
        DuplicateMethods.Register(methods);
        TodoMethods.Register(methods);
        ActivityMethods.Register(methods);
        TimelineCommentMethods.Register(methods);
        TaskMethods.Register(methods);
        NotifyMethods.Register(methods);
        UserMethods.Register(methods);
        AppMethods.Register(methods);
        RobotMethods.Register(methods);
        BizprocEventMethods.Register(methods);
        EventMethods.Register(methods);
        OfflineEventMethods.Register(methods);
        PlacementMethods.Register(methods);
        return methods;
    }
}
