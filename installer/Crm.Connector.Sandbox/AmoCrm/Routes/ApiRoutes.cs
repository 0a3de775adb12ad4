using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.Routes.Account;
using Crm.Connector.Sandbox.AmoCrm.Routes.CustomFields;
using Crm.Connector.Sandbox.AmoCrm.Routes.Events;
using Crm.Connector.Sandbox.AmoCrm.Routes.LossReasons;
using Crm.Connector.Sandbox.AmoCrm.Routes.Notes;
using Crm.Connector.Sandbox.AmoCrm.Routes.Pipelines;
using Crm.Connector.Sandbox.AmoCrm.Routes.Records;
using Crm.Connector.Sandbox.AmoCrm.Routes.Tasks;
using Crm.Connector.Sandbox.AmoCrm.Routes.Webhooks;

namespace Crm.Connector.Sandbox.AmoCrm.Routes;

/// <summary>Every <c>/api/v4</c> route the account answers.</summary>
internal static class ApiRoutes
{
    public static RouteTable Build()
    {
        var routes = new RouteTable();
        AccountRoutes.Add(routes);
        UserRoutes.Add(routes);
        RoleRoutes.Add(routes);
        PipelineRoutes.Add(routes);
        StatusRoutes.Add(routes);
        LossReasonRoutes.Add(routes);
        CustomFieldRoutes.Add(routes);
        FieldGroupRoutes.Add(routes);
        NoteRoutes.Add(routes);
        LinkRoutes.Add(routes);
        RecordRoutes.Add(routes);
        TaskRoutes.Add(routes);
        EventRoutes.Add(routes);
        WebhookRoutes.Add(routes);
        return routes;
    }
}
