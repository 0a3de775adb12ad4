using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Core;

/// <summary>Everything the account holds as JSON (<c>/_sandbox/state</c>); tokens only as counts, the secret left out.</summary>
internal static class StateSnapshot
{
    public static JObject Build(Account account)
    {
        var app = account.App;
        var state = account.State;
        lock (state.Gate)
        {
            return new JObject
            {
                ["account"] = new JObject { ["id"] = state.AccountId, ["subdomain"] = state.Subdomain, ["baseUrl"] = account.BaseUrl.AbsoluteUri },
                ["app"] = new JObject { ["clientId"] = app.ClientId, ["redirectUri"] = app.RedirectUri?.AbsoluteUri, ["installed"] = app.Installed },
                ["tokens"] = account.Tokens.Describe(),
                ["groups"] = new JArray(state.Groups.Select(g => new JObject { ["id"] = g.Id, ["name"] = g.Name })),
                ["users"] = new JArray(state.Users.Values.Select(u => new JObject
                {
                    ["id"] = u.Id, ["name"] = u.Name, ["email"] = u.Email, ["is_admin"] = u.IsAdmin, ["is_active"] = u.IsActive, ["group_id"] = u.GroupId, ["role_id"] = u.RoleId,
                })),
                ["roles"] = new JArray(state.Roles.Values.Select(r => new JObject { ["id"] = r.Id, ["name"] = r.Name, ["rights"] = r.Rights.DeepClone() })),
                ["pipelines"] = new JArray(state.Pipelines.Values.Select(p => new JObject
                {
                    ["id"] = p.Id, ["name"] = p.Name, ["sort"] = p.Sort, ["is_main"] = p.IsMain, ["is_unsorted_on"] = p.IsUnsortedOn,
                    ["statuses"] = new JArray(p.Ordered.Select(s => new JObject { ["id"] = s.Id, ["name"] = s.Name, ["sort"] = s.Sort, ["color"] = s.Color, ["type"] = s.Type })),
                })),
                ["custom_fields"] = new JObject(EntityKinds.All.Select(kind => new JProperty(kind.Plural(), new JArray(state.FieldsOf(kind).Select(f => new JObject
                {
                    ["id"] = f.Id, ["name"] = f.Name, ["type"] = f.Type, ["code"] = f.Code, ["sort"] = f.Sort, ["group_id"] = f.GroupId, ["is_predefined"] = f.IsPredefined,
                    ["enums"] = new JArray(f.Enums.Select(e => new JObject { ["id"] = e.Id, ["value"] = e.Value, ["sort"] = e.Sort, ["code"] = e.Code })),
                    ["required_statuses"] = new JArray(f.RequiredStatuses.Select(r => new JObject { ["pipeline_id"] = r.PipelineId, ["status_id"] = r.StatusId })),
                }))))),
                ["custom_field_groups"] = new JArray(state.FieldGroups.Select(g => new JObject { ["id"] = g.Id, ["entity_type"] = g.Entity.Plural(), ["name"] = g.Name, ["sort"] = g.Sort })),
                ["loss_reasons"] = new JArray(state.LossReasons.Values.Select(r => new JObject { ["id"] = r.Id, ["name"] = r.Name, ["sort"] = r.Sort })),
                ["leads"] = new JArray(state.Leads.Values.Select(Record)),
                ["contacts"] = new JArray(state.Contacts.Values.Select(Record)),
                ["companies"] = new JArray(state.Companies.Values.Select(Record)),
                ["links"] = new JArray(state.Links.Select(l => new JObject
                {
                    ["from"] = l.From.Plural(), ["from_id"] = l.FromId, ["to"] = l.To.Plural(), ["to_id"] = l.ToId, ["is_main"] = l.IsMain,
                })),
                ["tasks"] = new JArray(state.Tasks.Values.Select(t => new JObject
                {
                    ["id"] = t.Id, ["text"] = t.Text, ["complete_till"] = t.CompleteTill, ["task_type_id"] = t.TaskTypeId, ["responsible_user_id"] = t.ResponsibleUserId,
                    ["entity_type"] = t.EntityType?.Plural(), ["entity_id"] = t.EntityId, ["is_completed"] = t.IsCompleted,
                })),
                ["notes"] = new JArray(state.Notes.Values.Select(n => new JObject
                {
                    ["id"] = n.Id, ["entity_type"] = n.Entity.Plural(), ["entity_id"] = n.EntityId, ["note_type"] = n.NoteType, ["params"] = n.Params.DeepClone(),
                })),
                ["events"] = state.Events.Count,
                ["webhooks"] = new JArray(state.Webhooks.Values.Select(w => new JObject
                {
                    ["id"] = w.Id, ["destination"] = w.Destination, ["settings"] = new JArray(w.Settings), ["disabled"] = w.Disabled,
                    ["delivered"] = w.Delivered, ["failed"] = w.Failed,
                    ["recent"] = new JArray(w.Attempts.TakeLast(20).Select(a => new JObject { ["at"] = a.At.ToUnixTimeSeconds(), ["status"] = a.StatusCode, ["ok"] = a.Succeeded, ["keys"] = a.Keys })),
                })),
            };
        }
    }

    private static JObject Record(CrmRecord record) => new()
    {
        ["id"] = record.Id,
        ["name"] = record.Name,
        ["price"] = record.Price,
        ["status_id"] = record.StatusId,
        ["pipeline_id"] = record.PipelineId,
        ["loss_reason_id"] = record.LossReasonId,
        ["responsible_user_id"] = record.ResponsibleUserId,
        ["updated_at"] = record.UpdatedAt,
        ["tags"] = new JArray(record.Tags),
        ["custom_fields_values"] = new JArray(record.Values.Select(v => new JObject { ["field_id"] = v.FieldId, ["values"] = new JArray(v.Values.Select(x => x.DeepClone())) })),
    };
}
