using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Records;

/// <summary>
/// <c>/api/v4/{leads|contacts|companies}</c> (§6.1): list with <c>with</c>, <c>page</c>, <c>limit</c>, <c>query</c>,
/// <c>filter[id]</c>, <c>filter[responsible_user_id]</c>, <c>filter[created_at|updated_at|closed_at][from|to]</c>,
/// for leads <c>filter[pipeline_id]</c> and <c>filter[statuses][N][pipeline_id|status_id]</c>, and
/// <c>order[created_at|updated_at|id]</c>; one by id; POST array → <c>_embedded.{entity}[{id, request_id}]</c>;
/// PATCH array (each with id) or one → <c>{id, updated_at}</c>.
/// UNCONFIRMED: a missing record answers 204 (amoCRM answers "no content" where a lookup finds nothing, §12.4).
/// </summary>
internal static class RecordRoutes
{
    private static readonly string[] OrderFields = ["created_at", "updated_at", "id"];

    public static void Add(RouteTable routes)
    {
        foreach (var kind in EntityKinds.All)
        {
            var path = $"/api/v4/{kind.Plural()}";
            routes
                .Get(path, call => List(call, kind))
                .Post(path, call => Create(call, kind))
                .Patch(path, call => UpdateMany(call, kind))
                .Get(path + "/{id}", call => One(call, kind))
                .Patch(path + "/{id}", call => UpdateOne(call, kind));
        }
    }

    private static ApiResult List(ApiCall call, EntityKind kind)
    {
        var (page, limit) = Paging.Read(call);
        var filter = call.Query["filter"] as JObject;
        IEnumerable<CrmRecord> records = call.State.Records(kind).Values;
        if (QueryFilters.Ids(filter?["id"]) is { } ids)
        {
            records = records.Where(r => ids.Contains(r.Id));
        }

        if (QueryFilters.Ids(filter?["responsible_user_id"]) is { } responsible)
        {
            records = records.Where(r => responsible.Contains(r.ResponsibleUserId));
        }

        records = records.Where(r => QueryFilters.InRange(filter?["created_at"], r.CreatedAt) && QueryFilters.InRange(filter?["updated_at"], r.UpdatedAt));
        if (kind == EntityKind.Lead)
        {
            if (filter?["closed_at"] is { } closed)
            {
                records = records.Where(r => QueryFilters.InRange(closed, r.ClosedAt));
            }

            if (QueryFilters.Ids(filter?["pipeline_id"]) is { } pipelines)
            {
                records = records.Where(r => pipelines.Contains(r.PipelineId));
            }

            if (filter?["statuses"] is JArray statuses)
            {
                var pairs = statuses.OfType<JObject>().Select(s => (Pipeline: s.Value<string>("pipeline_id"), Status: s.Value<string>("status_id"))).ToList();
                records = records.Where(r => pairs.Any(p => p.Pipeline == r.PipelineId.ToString(System.Globalization.CultureInfo.InvariantCulture) && p.Status == r.StatusId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        if (call.QueryValue("query") is { Length: > 0 } query)
        {
            records = records.Where(r => r.Name.Contains(query, StringComparison.OrdinalIgnoreCase)
                || r.Values.Any(v => v.Values.Any(x => x["value"]?.ToString().Contains(query, StringComparison.OrdinalIgnoreCase) == true)));
        }

        var (field, descending) = QueryFilters.Order(call.Query["order"], OrderFields, "id");
        Func<CrmRecord, long> key = field switch
        {
            "created_at" => r => r.CreatedAt,
            "updated_at" => r => r.UpdatedAt,
            _ => r => r.Id,
        };
        records = descending ? records.OrderByDescending(key).ThenByDescending(r => r.Id) : records.OrderBy(key).ThenBy(r => r.Id);
        var with = call.With;
        return Paging.Page(call, kind.Plural(), [.. records.Select(r => RecordView.Record(call, r, with))], page, limit);
    }

    private static ApiResult One(ApiCall call, EntityKind kind) =>
        call.State.Records(kind).TryGetValue(call.Id(), out var record) ? ApiResult.Ok(RecordView.Record(call, record, call.With)) : ApiResult.NoContent();

    private static ApiResult Create(ApiCall call, EntityKind kind)
    {
        var items = Body.Items(call);
        var errors = new ValidationErrors();
        var inputs = new List<RecordInput>();
        for (var i = 0; i < items.Count; i++)
        {
            inputs.Add(RecordInput.Read(call, kind, new FieldReader(items[i], Body.RequestId(items[i], i), errors), existing: null));
        }

        errors.ThrowIfAny();
        var created = new JArray(inputs.Select(input =>
        {
            var record = RecordWriter.Create(call, kind, input);
            return new JObject
            {
                ["id"] = record.Id,
                ["request_id"] = input.RequestId,
                ["_links"] = Hal.Self(call.Account, $"/api/v4/{kind.Plural()}/{record.Id}"),
            };
        }));
        return ApiResult.Ok(new JObject
        {
            ["_links"] = Hal.Self(call.Account, $"/api/v4/{kind.Plural()}"),
            ["_embedded"] = new JObject { [kind.Plural()] = created },
        });
    }

    private static ApiResult UpdateMany(ApiCall call, EntityKind kind)
    {
        var items = Body.Items(call);
        var updated = Update(call, kind, [.. items.Select((item, i) => (item, Body.RequestId(item, i), item["id"]?.Type == JTokenType.Integer ? item.Value<long?>("id") : null))]);
        return ApiResult.Ok(new JObject
        {
            ["_links"] = Hal.Self(call.Account, $"/api/v4/{kind.Plural()}"),
            ["_embedded"] = new JObject { [kind.Plural()] = new JArray(updated) },
        });
    }

    private static ApiResult UpdateOne(ApiCall call, EntityKind kind)
    {
        if (!call.State.Records(kind).ContainsKey(call.Id()))
        {
            throw ApiProblem.NotFound();
        }

        var updated = Update(call, kind, [(Body.Object(call), "0", call.Id())])[0];
        updated.Remove("request_id");
        return ApiResult.Ok(updated);
    }

    private static List<JObject> Update(ApiCall call, EntityKind kind, List<(JObject Item, string RequestId, long? Id)> items)
    {
        var errors = new ValidationErrors();
        var inputs = new List<RecordInput>();
        foreach (var (item, requestId, id) in items)
        {
            var reader = new FieldReader(item, requestId, errors);
            if (id is null || !call.State.Records(kind).TryGetValue(id.Value, out var record))
            {
                reader.Error("NotSupportedChoice", "id", $"No such {kind.Singular()}.");
                continue;
            }

            inputs.Add(RecordInput.Read(call, kind, reader, record));
        }

        errors.ThrowIfAny();
        return [.. inputs.Select(input =>
        {
            RecordWriter.Update(call, input);
            var record = input.Existing!;
            return new JObject
            {
                ["id"] = record.Id,
                ["updated_at"] = record.UpdatedAt,
                ["request_id"] = input.RequestId,
                ["_links"] = Hal.Self(call.Account, $"/api/v4/{kind.Plural()}/{record.Id}"),
            };
        })];
    }
}
