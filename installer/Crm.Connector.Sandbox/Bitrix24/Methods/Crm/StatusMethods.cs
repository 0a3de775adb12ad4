using System.Text.RegularExpressions;
using Crm.Connector.Sandbox.Bitrix24.Lists;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary><c>crm.status.add|update|delete|get|list|fields|entity.types</c> (bitrix24-rest.md §6.2).</summary>
internal static partial class StatusMethods
{
    public static void Register(MethodRegistry methods)
    {
        methods.Add("crm.status.add", Add);
        methods.Add("crm.status.update", Update);
        methods.Add("crm.status.delete", Delete);
        methods.Add("crm.status.get", Get);
        methods.Add("crm.status.list", List);
        methods.Add("crm.status.fields", Fields);
        methods.Add("crm.status.entity.types", EntityTypes);
    }

    /// <summary>
    /// §6.2: STATUS_ID is Latin letters, digits, <c>-</c> and <c>_</c>; pipelines other than the default get the
    /// <c>C{id}:</c> prefix (kept when already given); the whole value is silently cut to 21 characters; a duplicate is
    /// ERROR_CORE "The specified status ID already exists."; SYSTEM cannot be set (always N); SORT defaults to 10.
    /// </summary>
    private static MethodResult Add(MethodCall call)
    {
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        var entityId = fields.String("ENTITY_ID");
        var directory = StatusDirectory.Find(call.State, entityId) ?? throw RestException.Core($"Unknown ENTITY_ID '{entityId}'.");
        var code = fields.String("STATUS_ID")?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            throw RestException.Core("Field STATUS_ID is required.");
        }

        if (directory.Prefix.Length > 0 && code.StartsWith(directory.Prefix, StringComparison.Ordinal))
        {
            code = code[directory.Prefix.Length..];
        }

        if (!StatusCode().IsMatch(code))
        {
            throw RestException.Core($"STATUS_ID '{code}' may contain only Latin letters, digits, '-' and '_'.");
        }

        var statusId = DefaultStatuses.Truncate(directory.Prefix + code);
        var existing = call.State.StatusesOf(directory.EntityId).ToList();
        if (existing.Any(s => string.Equals(s.StatusId, statusId, StringComparison.Ordinal)))
        {
            throw RestException.Core("The specified status ID already exists.");
        }

        var name = fields.String("NAME");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw RestException.Core("Field NAME is required.");
        }

        var semantics = directory.Stages ? Semantics(fields) : null;
        var status = new StageStatus(
            call.State.NextId("status"),
            directory.EntityId,
            statusId,
            name,
            "",
            fields.Int("SORT") ?? 10,
            System: false,
            directory.CategoryId,
            fields.String("COLOR") ?? (directory.Stages ? DefaultStatuses.ColorOf(semantics) : null),
            semantics);
        if (directory.Stages)
        {
            StageOrderRules.Check([.. existing, status]);
        }

        call.State.Statuses[status.Id] = status;
        return MethodResult.Of(status.Id);
    }

    /// <summary>§6.2: only NAME, SORT and COLOR change (SEMANTICS and STATUS_ID are not updatable); system stages may be renamed.</summary>
    private static MethodResult Update(MethodCall call)
    {
        var status = Find(call);
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        var name = fields.String("NAME");
        if (fields.Get("NAME") is not null && string.IsNullOrWhiteSpace(name))
        {
            throw RestException.Core("Field NAME cannot be empty.");
        }

        var updated = status with
        {
            Name = name ?? status.Name,
            Sort = fields.Int("SORT") ?? status.Sort,
            Color = fields.String("COLOR") ?? status.Color,
        };
        if (StatusDirectory.HasSemantics(status.EntityId))
        {
            StageOrderRules.Check([.. call.State.StatusesOf(status.EntityId).Where(s => s.Id != status.Id), updated]);
        }

        call.State.Statuses[status.Id] = updated;
        return MethodResult.True;
    }

    /// <summary>§6.2: system elements only with <c>params[FORCED]=Y</c>; never while items sit in the status.</summary>
    private static MethodResult Delete(MethodCall call)
    {
        var status = Find(call);
        var forced = string.Equals(call.Parameters.Object("params")?.String("FORCED"), "Y", StringComparison.OrdinalIgnoreCase);
        if (status.System && !forced)
        {
            throw RestException.Core("System status cannot be deleted without params[FORCED]=Y.");
        }

        if (ItemsIn(call.State, status))
        {
            throw RestException.Core("There are active items in this status.");
        }

        call.State.Statuses.Remove(status.Id);
        return MethodResult.True;
    }

    private static MethodResult Get(MethodCall call) => MethodResult.Of(StatusView.ToJson(Find(call)));

    private static MethodResult List(MethodCall call)
    {
        var rows = call.State.Statuses.Values.OrderBy(s => s.EntityId, StringComparer.Ordinal).ThenBy(s => s.Sort).ThenBy(s => s.Id).Select(StatusView.ToJson).ToList();
        var filter = RowFilter.Parse(call.Parameters.Get("filter"), Known);
        var order = RowOrder.Parse(call.Parameters.Get("order"), Known);
        var matching = rows.Where(filter.Matches);
        if (order.Keys.Count > 0)
        {
            matching = matching.OrderBy(r => r, order);
        }

        var all = new JArray(matching);
        return new MethodResult(all, all.Count);
    }

    private static MethodResult Fields(MethodCall call)
    {
        _ = call;
        var fields = new JObject();
        foreach (var (name, type, readOnly) in (ReadOnlySpan<(string, string, bool)>)[("ID", "integer", true), ("ENTITY_ID", "string", false), ("STATUS_ID", "string", false), ("SORT", "integer", false), ("NAME", "string", false), ("NAME_INIT", "string", true), ("SYSTEM", "char", true), ("CATEGORY_ID", "integer", true), ("COLOR", "string", false), ("SEMANTICS", "string", false), ("EXTRA", "object", true)])
        {
            fields[name] = new JObject { ["type"] = type, ["isRequired"] = name is "ENTITY_ID" or "STATUS_ID" or "NAME", ["isReadOnly"] = readOnly, ["isImmutable"] = name is "ENTITY_ID" or "STATUS_ID", ["isMultiple"] = false, ["isDynamic"] = false, ["title"] = name };
        }

        return MethodResult.Of(fields);
    }

    /// <summary>§6.2: the directories with PREFIX and SEMANTIC_INFO.</summary>
    private static MethodResult EntityTypes(MethodCall call)
    {
        var types = new JArray();
        foreach (var directory in StatusDirectory.All(call.State))
        {
            var type = new JObject { ["ID"] = directory.EntityId, ["NAME"] = directory.Name };
            if (directory.Stages)
            {
                var stages = call.State.StatusesOf(directory.EntityId).OrderBy(s => s.Sort).ToList();
                type["SEMANTIC_INFO"] = new JObject
                {
                    ["START_FIELD"] = stages.FirstOrDefault(s => s.Semantics is null)?.StatusId,
                    ["FINAL_SUCCESS_FIELD"] = stages.FirstOrDefault(s => s.Semantics == "S")?.StatusId,
                    ["FINAL_UNSUCCESS_FIELD"] = stages.FirstOrDefault(s => s.Semantics == "F")?.StatusId,
                };
                type["PREFIX"] = directory.Prefix.TrimEnd(':');
                type["ENTITY_TYPE_ID"] = directory.CategoryId is null ? EntityKind.Lead.TypeId : EntityKind.Deal.TypeId;
                if (directory.CategoryId is { } category)
                {
                    type["CATEGORY_ID"] = category;
                }
            }

            types.Add(type);
        }

        return MethodResult.Of(types);
    }

    private static StageStatus Find(MethodCall call)
    {
        var id = call.Parameters.Int("id") ?? throw RestException.Core("Required parameter 'id' is missing.");
        return call.State.Statuses.GetValueOrDefault(id) ?? throw RestException.NotFound($"Status {id} not found.");
    }

    private static bool ItemsIn(PortalState state, StageStatus status)
    {
        if (string.Equals(status.EntityId, "STATUS", StringComparison.Ordinal))
        {
            return state.Table(EntityKind.Lead).Rows.Values.Any(l => string.Equals((string?)l["STATUS_ID"], status.StatusId, StringComparison.Ordinal));
        }

        if (status.EntityId.StartsWith("DEAL_STAGE", StringComparison.Ordinal))
        {
            return state.Table(EntityKind.Deal).Rows.Values.Any(d => string.Equals((string?)d["STAGE_ID"], status.StatusId, StringComparison.Ordinal) && Params.AsInt(d["CATEGORY_ID"]) == status.CategoryId);
        }

        return false;
    }

    private static string? Semantics(JObject fields) => fields.String("SEMANTICS")?.Trim().ToUpperInvariant() switch
    {
        null or "" or "P" => null,
        "S" => "S",
        "F" => "F",
        var other => throw RestException.Core($"SEMANTICS must be 'S', 'F' or empty, not '{other}'."),
    };

    private static string? Known(string field) => field.ToUpperInvariant() switch
    {
        "ID" or "ENTITY_ID" or "STATUS_ID" or "NAME" or "NAME_INIT" or "SORT" or "SYSTEM" or "CATEGORY_ID" or "COLOR" or "SEMANTICS" => field.ToUpperInvariant(),
        _ => null,
    };

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex StatusCode();
}
