using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Events;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Items;

/// <summary>
/// Creating, changing and deleting CRM items through REST (bitrix24-rest.md §8) and the events they raise (§4.3).
/// A deal's STAGE_ID must belong to its pipeline (default: the pipeline's first stage); a lead's STATUS_ID must exist
/// (default NEW). An update that changes nothing saves nothing and raises nothing (§8 "skips saving if nothing
/// changed" — assumed for the legacy methods too). Moving a deal to another pipeline (crm.item.update with
/// categoryId) raises ONCRMDEALMOVETOCATEGORY instead of ONCRMDEALUPDATE (§4.3). A lead's or deal's MOVED_TIME and
/// MOVED_BY_ID say when and by whom it entered its current stage: set on creation and on every change of stage.
/// </summary>
internal static class ItemWriter
{
    public static int Add(MethodCall call, EntityKind entity, JObject fields, bool checkMandatory)
    {
        var state = call.State;
        var row = NewRow(state, entity, call.Caller.UserId, call.Now);
        var changes = Normalize(state, entity, fields);
        ApplyStage(state, entity, row, changes, isAdd: true, allowMove: true);
        foreach (var (name, value) in changes)
        {
            row[name] = value;
        }

        if (row["ASSIGNED_BY_ID"] is null or { Type: JTokenType.Null })
        {
            row["ASSIGNED_BY_ID"] = call.Caller.UserId;
        }

        if (checkMandatory)
        {
            var missing = state.UserFieldsOf(entity).FirstOrDefault(f => f.Mandatory && FieldValues.IsEmpty(row[f.FieldName]));
            if (missing is not null)
            {
                throw RestException.Core($"Field {missing.FieldName} is required.");
            }
        }

        var id = Store(state, entity, row);
        call.Raise(entity.EventPrefix + "ADD", new JObject { ["ID"] = id });
        return id;
    }

    public static void Update(MethodCall call, EntityKind entity, int id, JObject fields, bool allowMove)
    {
        var state = call.State;
        var row = state.Item(entity, id) ?? throw RestException.NotFound($"{Title(entity)} {id} not found.");
        var changes = Normalize(state, entity, fields);
        var moved = ApplyStage(state, entity, row, changes, isAdd: false, allowMove);
        var changed = changes.Properties().Where(p => !JToken.DeepEquals(row[p.Name] ?? JValue.CreateNull(), p.Value)).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        foreach (var property in changed)
        {
            row[property.Name] = property.Value;
        }

        row["DATE_MODIFY"] = PortalTime.Iso(call.Now);
        row["MODIFY_BY_ID"] = call.Caller.UserId;
        if (entity.StageField is { } stageField && changed.Any(p => p.Name == stageField))
        {
            // Entering another stage (also in another pipeline) is a move; any other change is not.
            row["MOVED_TIME"] = PortalTime.Iso(call.Now);
            row["MOVED_BY_ID"] = call.Caller.UserId;
        }
        if (moved)
        {
            call.Raise(EventNames.DealMoveToCategory, new JObject { ["ID"] = id, ["CATEGORY_ID"] = row["CATEGORY_ID"], ["STAGE_ID"] = row["STAGE_ID"] });
        }
        else
        {
            call.Raise(entity.EventPrefix + "UPDATE", new JObject { ["ID"] = id });
        }
    }

    public static void Delete(MethodCall call, EntityKind entity, int id)
    {
        if (!call.State.Table(entity).Rows.Remove(id))
        {
            throw RestException.NotFound($"{Title(entity)} {id} not found.");
        }

        call.Raise(entity.EventPrefix + "DELETE", new JObject { ["ID"] = id });
    }

    /// <summary>Adds a deal directly (no REST, no events): for seeding large portals.</summary>
    public static int SeedDeal(PortalState state, Category category, DateTimeOffset now, int number)
    {
        var row = NewRow(state, EntityKind.Deal, 1, now);
        var first = state.StagesOf(category)[0];
        var id = state.Table(EntityKind.Deal).LastId + 1;
        row["TITLE"] = $"Deal {id}";
        row["CATEGORY_ID"] = category.Id;
        row["STAGE_ID"] = first.StatusId;
        row["STAGE_SEMANTIC_ID"] = SemanticId(first);
        row["OPPORTUNITY"] = 1000m * ((number % 50) + 1);
        row["ASSIGNED_BY_ID"] = 1;
        return Store(state, EntityKind.Deal, row);
    }

    private static int Store(PortalState state, EntityKind entity, JObject row)
    {
        var table = state.Table(entity);
        var id = table.NextId();
        row["ID"] = id;
        table.Rows[id] = row;
        return id;
    }

    private static JObject NewRow(PortalState state, EntityKind entity, int userId, DateTimeOffset now)
    {
        var row = new JObject();
        foreach (var field in entity.Fields)
        {
            row[field.Name] = field.Kind == FieldKind.Multifield ? new JArray() : JValue.CreateNull();
        }

        var stamp = PortalTime.Iso(now);
        row["DATE_CREATE"] = stamp;
        row["DATE_MODIFY"] = stamp;
        row["CREATED_BY_ID"] = userId;
        row["MODIFY_BY_ID"] = userId;
        if (entity.StageField is not null)
        {
            // Created in its first stage: that is its move into it.
            row["MOVED_TIME"] = stamp;
            row["MOVED_BY_ID"] = userId;
        }
        row["OPENED"] = "Y";
        if (entity.Field("OPPORTUNITY") is not null)
        {
            row["OPPORTUNITY"] = 0m;
        }

        if (entity.Field("CURRENCY_ID") is not null)
        {
            row["CURRENCY_ID"] = "RUB";
        }

        if (entity == EntityKind.Deal)
        {
            row["CATEGORY_ID"] = 0;
            row["CLOSED"] = "N";
            row["IS_MANUAL_OPPORTUNITY"] = "N";
            row["PROBABILITY"] = JValue.CreateNull();
        }

        foreach (var uf in state.UserFieldsOf(entity))
        {
            row[uf.FieldName] = FieldValues.Default(uf);
        }

        return row;
    }

    /// <summary>Writable fields the entity knows, normalized; unknown names and read-only fields are ignored.</summary>
    private static JObject Normalize(PortalState state, EntityKind entity, JObject fields)
    {
        var changes = new JObject();
        foreach (var (name, value) in fields)
        {
            if (value is null)
            {
                continue;
            }

            if (entity.Field(name) is { ReadOnly: false } field)
            {
                changes[name] = FieldValues.Standard(field, value);
            }
            else if (name.StartsWith("UF_", StringComparison.Ordinal) && state.UserFieldOf(entity, name) is { } uf)
            {
                changes[name] = FieldValues.User(uf, value);
            }
        }

        return changes;
    }

    /// <summary>Checks and completes the stage (deal) or status (lead); true when a deal moves to another pipeline.</summary>
    private static bool ApplyStage(PortalState state, EntityKind entity, JObject row, JObject changes, bool isAdd, bool allowMove)
    {
        if (entity == EntityKind.Lead)
        {
            if (changes["STATUS_ID"] is null or { Type: JTokenType.Null })
            {
                changes.Remove("STATUS_ID");
                if (!isAdd)
                {
                    return false;
                }

                changes["STATUS_ID"] = state.StatusesOf("STATUS").OrderBy(s => s.Sort).First().StatusId;
            }

            var statusId = (string?)changes["STATUS_ID"];
            var status = state.StatusesOf("STATUS").FirstOrDefault(s => string.Equals(s.StatusId, statusId, StringComparison.Ordinal))
                ?? throw RestException.Core($"Lead status '{statusId}' does not exist.");
            changes["STATUS_SEMANTIC_ID"] = SemanticId(status);
            return false;
        }

        if (entity != EntityKind.Deal)
        {
            return false;
        }

        var current = Params.AsInt(row["CATEGORY_ID"]) ?? 0;
        if (!allowMove || changes["CATEGORY_ID"] is null or { Type: JTokenType.Null })
        {
            // crm.deal.update cannot move a deal between pipelines (§8); only crm.item.update can.
            changes.Remove("CATEGORY_ID");
        }

        var target = Params.AsInt(changes["CATEGORY_ID"]) ?? current;
        var category = state.Categories.GetValueOrDefault(target) ?? throw RestException.Core($"Pipeline (category) {target} does not exist.");
        var stages = state.StagesOf(category);
        var moving = !isAdd && target != current;
        if (changes["STAGE_ID"] is null or { Type: JTokenType.Null })
        {
            changes.Remove("STAGE_ID");
            if (!isAdd && !moving)
            {
                return false;
            }

            changes["STAGE_ID"] = stages.Count > 0 ? stages[0].StatusId : throw RestException.Core($"Pipeline {target} has no stages.");
        }

        var stageId = (string?)changes["STAGE_ID"];
        var stage = stages.FirstOrDefault(s => string.Equals(s.StatusId, stageId, StringComparison.Ordinal))
            ?? throw RestException.Core($"Stage '{stageId}' does not belong to pipeline {target}.");
        changes["STAGE_SEMANTIC_ID"] = SemanticId(stage);
        changes["CLOSED"] = stage.Semantics is null ? "N" : "Y";
        return moving;
    }

    private static string SemanticId(StageStatus stage) => stage.Semantics ?? "P";

    private static string Title(EntityKind entity) => entity.Code switch
    {
        "deal" => "Deal",
        "lead" => "Lead",
        "contact" => "Contact",
        _ => "Company",
    };
}
