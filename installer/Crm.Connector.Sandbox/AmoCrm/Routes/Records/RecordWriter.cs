using Crm.Connector.Sandbox.AmoCrm.Core;
using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Crm.Connector.Sandbox.AmoCrm.Webhooks;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Records;

/// <summary>
/// Applies validated writes to leads, contacts and companies, and records what happened: events (§7.3:
/// <c>lead_added</c>, <c>contact_added</c>, <c>company_added</c>, <c>lead_status_changed</c>,
/// <c>entity_responsible_changed</c>) and webhook changes (§8.1: add, update, status, responsible). A lead entering 142
/// or 143 gets <c>closed_at</c>; leaving them clears it.
/// </summary>
internal static class RecordWriter
{
    public static CrmRecord Create(ApiCall call, EntityKind kind, RecordInput input)
    {
        var state = call.State;
        var responsible = input.ResponsibleUserId ?? call.UserId;
        var record = new CrmRecord
        {
            Id = state.NextId(kind.Singular()),
            Kind = kind,
            CreatedBy = call.UserId,
            CreatedAt = input.CreatedAt ?? call.Now,
            UpdatedBy = call.UserId,
            UpdatedAt = call.Now,
            ResponsibleUserId = responsible,
            GroupId = state.Users.GetValueOrDefault(responsible)?.GroupId ?? 0,
            Price = input.Price ?? 0,
            FirstName = input.FirstName ?? "",
            LastName = input.LastName ?? "",
            LossReasonId = input.LossReasonId,
            Tags = [.. input.TagsToAdd.Distinct(StringComparer.Ordinal)],
            Values = input.Values is null ? [] : FieldValues.Merge([], input.Values),
        };
        record.Name = input.Name ?? (kind == EntityKind.Contact ? $"{record.FirstName} {record.LastName}".Trim() : "");
        if (kind == EntityKind.Lead)
        {
            var pipeline = input.PipelineId is { } p ? state.Pipelines[p] : state.Pipelines.Values.First(x => x.IsMain);
            record.PipelineId = pipeline.Id;
            record.StatusId = input.StatusId ?? pipeline.FirstStage()?.Id ?? Status.Lost;
            record.ClosedAt = record.StatusId is Status.Won or Status.Lost ? call.Now : null;
        }

        state.Records(kind)[record.Id] = record;
        foreach (var (other, otherId, isMain) in input.Links)
        {
            Linker.Link(state, kind, record.Id, other, otherId, isMain);
        }

        EventLog.Add(call, $"{kind.Singular()}_added", kind.Singular(), record.Id);
        Notify(call, record, "add");
        return record;
    }

    public static void Update(ApiCall call, RecordInput input)
    {
        var record = input.Existing!;
        var oldStatus = record.StatusId;
        var oldPipeline = record.PipelineId;
        var oldResponsible = record.ResponsibleUserId;
        record.Name = input.Name ?? record.Name;
        record.FirstName = input.FirstName ?? record.FirstName;
        record.LastName = input.LastName ?? record.LastName;
        record.Price = input.Price ?? record.Price;
        if (input.ResponsibleUserId is { } responsible)
        {
            record.ResponsibleUserId = responsible;
            record.GroupId = call.State.Users.GetValueOrDefault(responsible)?.GroupId ?? record.GroupId;
        }

        if (input.StatusId is { } status)
        {
            record.PipelineId = input.PipelineId ?? record.PipelineId;
            record.StatusId = status;
        }

        if (input.HasLossReason)
        {
            record.LossReasonId = input.LossReasonId;
        }

        if (input.Values is not null)
        {
            record.Values = FieldValues.Merge(record.Values, input.Values);
        }

        record.Tags = [.. record.Tags.Concat(input.TagsToAdd).Where(t => !input.TagsToDelete.Contains(t)).Distinct(StringComparer.Ordinal)];
        record.UpdatedAt = call.Now;
        record.UpdatedBy = call.UserId;
        Notify(call, record, "update");
        if (record.Kind == EntityKind.Lead && (record.StatusId != oldStatus || record.PipelineId != oldPipeline))
        {
            record.ClosedAt = record.StatusId is Status.Won or Status.Lost ? call.Now : null;
            EventLog.Add(call, "lead_status_changed", "lead", record.Id, EventLog.LeadStatus(oldStatus, oldPipeline), EventLog.LeadStatus(record.StatusId, record.PipelineId));
            var fields = WebhookForm.Lead(call.State, record, call.UserId);
            fields.Insert(3, new("old_status_id", oldStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (record.PipelineId != oldPipeline)
            {
                // UNCONFIRMED (§8.2): old_pipeline_id is sent only when the lead changed pipelines.
                fields.Add(new("old_pipeline_id", oldPipeline.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            call.Changes.Add(new WebhookChange("status_lead", "leads", "status", fields));
        }

        if (record.ResponsibleUserId != oldResponsible)
        {
            EventLog.Add(call, "entity_responsible_changed", record.Kind.Singular(), record.Id, EventLog.Responsible(oldResponsible), EventLog.Responsible(record.ResponsibleUserId));
            var fields = Fields(call, record);
            fields.Add(new("old_responsible_user_id", oldResponsible.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            call.Changes.Add(new WebhookChange($"responsible_{record.Kind.Singular()}", Root(record.Kind), "responsible", fields));
        }
    }

    /// <summary>Companies' webhooks travel under <c>contacts[…]</c> (§8.1).</summary>
    public static string Root(EntityKind kind) => kind == EntityKind.Lead ? "leads" : "contacts";

    private static List<KeyValuePair<string, string>> Fields(ApiCall call, CrmRecord record) =>
        record.Kind == EntityKind.Lead ? WebhookForm.Lead(call.State, record, call.UserId) : WebhookForm.Contact(call.State, record, call.UserId);

    private static void Notify(ApiCall call, CrmRecord record, string action) =>
        call.Changes.Add(new WebhookChange($"{action}_{record.Kind.Singular()}", Root(record.Kind), action, Fields(call, record)));
}
