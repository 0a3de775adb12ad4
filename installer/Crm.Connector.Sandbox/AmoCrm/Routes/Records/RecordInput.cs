using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Records;

/// <summary>
/// A lead, contact or company as sent in POST or PATCH (§6.1), checked against the account. For leads: a status of
/// 142 or 143 needs <c>pipeline_id</c> (the ids are the same in every pipeline, §3); another status without a
/// pipeline picks its own pipeline; the status must belong to the pipeline; <c>loss_reason_id</c> must exist.
/// </summary>
internal sealed class RecordInput
{
    public required string RequestId { get; init; }

    public CrmRecord? Existing { get; init; }

    public string? Name { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public long? Price { get; init; }

    public long? ResponsibleUserId { get; init; }

    public long? PipelineId { get; init; }

    public long? StatusId { get; init; }

    public bool HasLossReason { get; init; }

    public long? LossReasonId { get; init; }

    public long? CreatedAt { get; init; }

    public List<FieldValue>? Values { get; init; }

    public List<string> TagsToAdd { get; init; } = [];

    public List<string> TagsToDelete { get; init; } = [];

    public List<(EntityKind Kind, long Id, bool IsMain)> Links { get; init; } = [];

    public static RecordInput Read(ApiCall call, EntityKind kind, FieldReader reader, CrmRecord? existing)
    {
        var name = reader.String("name", allowEmpty: true);
        var responsible = reader.Long("responsible_user_id");
        if (responsible is not null && !Guard.UserExists(call, responsible.Value))
        {
            reader.Error("NotSupportedChoice", "responsible_user_id", "No such user.");
        }

        long? pipelineId = null;
        long? statusId = null;
        long? lossReasonId = null;
        long? price = null;
        if (kind == EntityKind.Lead)
        {
            price = reader.Long("price");
            (pipelineId, statusId) = Stage(call, reader, existing);
            lossReasonId = reader.Long("loss_reason_id");
            if (lossReasonId is not null && !call.State.LossReasons.ContainsKey(lossReasonId.Value))
            {
                reader.Error("NotSupportedChoice", "loss_reason_id", "No such loss reason.");
            }
        }

        var input = new RecordInput
        {
            RequestId = reader.RequestId,
            Existing = existing,
            Name = name,
            FirstName = kind == EntityKind.Contact ? reader.String("first_name", allowEmpty: true) : null,
            LastName = kind == EntityKind.Contact ? reader.String("last_name", allowEmpty: true) : null,
            Price = price,
            ResponsibleUserId = responsible,
            PipelineId = pipelineId,
            StatusId = statusId,
            HasLossReason = reader.Has("loss_reason_id"),
            LossReasonId = lossReasonId,
            CreatedAt = existing is null ? reader.Long("created_at") : null,
            Values = FieldValues.Read(call, kind, reader),
            TagsToAdd = Tags(reader, existing is null ? null : "tags_to_add"),
            TagsToDelete = existing is null ? [] : Tags(reader, "tags_to_delete"),
            Links = existing is null ? EmbeddedLinks(call, kind, reader) : [],
        };
        return input;
    }

    private static (long? PipelineId, long? StatusId) Stage(ApiCall call, FieldReader reader, CrmRecord? existing)
    {
        var pipelineId = reader.Long("pipeline_id");
        var statusId = reader.Long("status_id");
        if (pipelineId is not null && !call.State.Pipelines.ContainsKey(pipelineId.Value))
        {
            reader.Error("NotSupportedChoice", "pipeline_id", "No such pipeline.");
            return (null, null);
        }

        if (statusId is State.Status.Won or State.Status.Lost && pipelineId is null)
        {
            reader.Error("FieldMissing", "pipeline_id", "A status of 142 or 143 needs pipeline_id (they exist in every pipeline).");
            return (null, null);
        }

        if (statusId is { } status)
        {
            var pipeline = pipelineId ?? call.State.PipelineOf(status)?.Id;
            if (pipeline is null || call.State.Status(pipeline.Value, status) is null)
            {
                reader.Error("NotSupportedChoice", "status_id", "No such status in this pipeline.");
                return (null, null);
            }

            return (pipeline, status);
        }

        if (pipelineId is { } onlyPipeline && onlyPipeline != existing?.PipelineId)
        {
            var first = call.State.Pipelines[onlyPipeline].FirstStage();
            return (onlyPipeline, first?.Id);
        }

        return (pipelineId, null);
    }

    private static List<string> Tags(FieldReader reader, string? key)
    {
        JArray? list = null;
        if (key is null)
        {
            if (reader.Object("_embedded") is { } embedded)
            {
                list = reader.Nested(embedded, "_embedded").Array("tags");
            }
        }
        else
        {
            list = reader.Array(key);
        }

        return list is null ? [] : [.. list.OfType<JObject>().Select(t => (string?)t["name"]).Where(n => !string.IsNullOrEmpty(n)).Select(n => n!)];
    }

    /// <summary>§6.2: on creation only, <c>_embedded.contacts[{id, is_main}]</c> and <c>_embedded.companies[{id}]</c>.</summary>
    private static List<(EntityKind Kind, long Id, bool IsMain)> EmbeddedLinks(ApiCall call, EntityKind kind, FieldReader reader)
    {
        var links = new List<(EntityKind, long, bool)>();
        if (reader.Object("_embedded") is not { } embedded)
        {
            return links;
        }

        var nested = reader.Nested(embedded, "_embedded");
        foreach (var other in new[] { EntityKind.Contact, EntityKind.Company })
        {
            if (other == kind || nested.Array(other.Plural()) is not { } list)
            {
                continue;
            }

            for (var i = 0; i < list.Count; i++)
            {
                var id = list[i].Type == JTokenType.Object ? list[i].Value<long?>("id") : null;
                if (id is null || !call.State.Records(other).ContainsKey(id.Value))
                {
                    nested.Error("NotSupportedChoice", $"{other.Plural()}.{FieldReader.Index(i)}.id", $"No such {other.Singular()}.");
                    continue;
                }

                links.Add((other, id.Value, list[i].Value<bool?>("is_main") ?? (other == EntityKind.Contact && i == 0)));
            }
        }

        return links;
    }
}
