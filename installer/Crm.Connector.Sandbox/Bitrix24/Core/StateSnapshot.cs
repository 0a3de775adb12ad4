using Crm.Connector.Sandbox.Bitrix24.Events;
using Crm.Connector.Sandbox.Bitrix24.Methods.Bizproc;
using Crm.Connector.Sandbox.Bitrix24.Methods.Crm;
using Crm.Connector.Sandbox.Bitrix24.Methods.Items;
using Crm.Connector.Sandbox.Bitrix24.Methods.Placement;
using Crm.Connector.Sandbox.Bitrix24.Methods.Tasks;
using Crm.Connector.Sandbox.Bitrix24.Methods.Users;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Crm.Connector.Sandbox.Bitrix24.Core;

/// <summary>
/// Everything the portal holds, as JSON (<c>GET /_sandbox/state</c>): pipelines, statuses, user fields and items per
/// entity (legacy names), activities, comments, tasks, notifications, robots and their calls, event handlers, placement handlers, the
/// offline queue, users. OAuth tokens appear only as counts; the app's client id and application token are shown (a
/// sandbox's secrets protect nothing, and an app under test must be checked against them), its client secret is not.
/// </summary>
internal static class StateSnapshot
{
    private static readonly JsonSerializer CamelCase = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new DefaultContractResolver { NamingStrategy = new CamelCaseNamingStrategy() },
    });

    public static JObject Build(Portal portal)
    {
        var state = portal.State;
        lock (state.Gate)
        {
            return new JObject
            {
                ["portal"] = new JObject
                {
                    ["baseUrl"] = portal.BaseUrl.AbsoluteUri,
                    ["currentBaseUrl"] = portal.CurrentBaseUrl.AbsoluteUri,
                    ["domainChanged"] = portal.DomainChanged,
                    ["plan"] = portal.Plan.Name,
                    ["memberId"] = portal.App.MemberId,
                    ["app"] = new JObject
                    {
                        ["installed"] = portal.App.Installed,
                        ["clientId"] = portal.App.ClientId,
                        ["applicationToken"] = portal.App.ApplicationToken,
                        ["version"] = portal.App.Version,
                        ["status"] = portal.App.Status,
                        ["language"] = portal.App.Language,
                        ["handler"] = portal.AppHandler?.AbsoluteUri,
                    },
                },
                ["categories"] = new JArray(state.Categories.Values.Select(CategoryView.ToJson)),
                ["statuses"] = new JArray(state.Statuses.Values.Select(StatusView.ToJson)),
                ["userfields"] = new JObject(EntityKind.All.Select(e => new JProperty(e.Code, new JArray(state.UserFieldsOf(e).Select(UserFieldView.ToJson))))),
                ["items"] = new JObject(EntityKind.All.Select(e => new JProperty(e.Code, new JArray(state.Table(e).Rows.Values.Select(r => ItemView.Legacy(r, e, state)))))),
                ["activities"] = new JArray(state.Todos.Values.Select(t => JObject.FromObject(t, CamelCase))),
                ["emails"] = new JArray(state.Emails.Values.Select(e => JObject.FromObject(e, CamelCase))),
                ["invoices"] = new JArray(state.Invoices.Values.Select(InvoiceMethods.ToJson)),
                ["comments"] = new JArray(state.Comments.Values.Select(c => JObject.FromObject(c, CamelCase))),
                ["tasks"] = new JArray(state.Tasks.Values.Select(TaskView.State)),
                ["notifications"] = new JArray(state.Notifications.Values.Select(n => JObject.FromObject(n, CamelCase))),
                ["robots"] = new JArray(state.Robots.Values.Select(RobotMethods.ToJson)),
                ["robotCalls"] = new JArray(state.RobotCalls.Values.OrderBy(c => c.Called, StringComparer.Ordinal).Select(c => new JObject
                {
                    ["code"] = c.Code,
                    ["documentId"] = c.DocumentId,
                    ["workflowId"] = c.WorkflowId,
                    ["called"] = c.Called,
                    ["answered"] = c.Answered,
                    ["returnValues"] = c.ReturnValues?.DeepClone(),
                    ["logMessage"] = c.LogMessage,
                })),
                ["eventHandlers"] = new JArray(state.Bindings.Values.Select(EventMethods.ToJson)),
                ["placements"] = new JArray(state.Placements.Values.Select(PlacementMethods.State)),
                ["offlineEvents"] = new JArray(state.OfflineEvents.Values.Select(OfflineEventMethods.ToJson)),
                ["users"] = new JArray(state.Users.Values.Select(UserMethods.User)),
                ["departments"] = new JArray(state.Departments.Values.Select(UserMethods.Department)),
                ["tokens"] = portal.Tokens.Counts(),
            };
        }
    }
}
