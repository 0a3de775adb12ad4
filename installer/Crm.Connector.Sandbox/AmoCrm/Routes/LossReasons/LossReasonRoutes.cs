using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.LossReasons;

/// <summary>
/// <c>/api/v4/leads/loss_reasons</c> (§5): list (paged, 204 when none), one, POST array <c>[{name, sort}]</c>, PATCH
/// one, DELETE one (leads that had it keep no reason).
/// </summary>
internal static class LossReasonRoutes
{
    private const string Base = "/api/v4/leads/loss_reasons";

    public static void Add(RouteTable routes) => routes
        .Get(Base, List)
        .Post(Base, Create)
        .Get(Base + "/{id}", One)
        .Patch(Base + "/{id}", Update)
        .Delete(Base + "/{id}", Delete);

    public static JObject View(ApiCall call, LossReason reason, string? requestId = null)
    {
        var json = new JObject
        {
            ["id"] = reason.Id,
            ["name"] = reason.Name,
            ["sort"] = reason.Sort,
            ["created_at"] = reason.CreatedAt,
            ["updated_at"] = reason.UpdatedAt,
        };
        if (requestId is not null)
        {
            json["request_id"] = requestId;
        }

        json["_links"] = Hal.Self(call.Account, $"{Base}/{reason.Id}");
        return json;
    }

    private static LossReason Find(ApiCall call) =>
        call.State.LossReasons.TryGetValue(call.Id(), out var reason) ? reason : throw ApiProblem.NotFound();

    private static ApiResult List(ApiCall call)
    {
        var (page, limit) = Paging.Read(call);
        return Paging.Page(call, "loss_reasons", [.. call.State.LossReasons.Values.OrderBy(r => r.Sort).ThenBy(r => r.Id).Select(r => View(call, r))], page, limit, totals: true);
    }

    private static ApiResult One(ApiCall call) => ApiResult.Ok(View(call, Find(call)));

    private static ApiResult Create(ApiCall call)
    {
        Guard.Admin(call);
        var items = Body.Items(call);
        var errors = new ValidationErrors();
        var inputs = new List<(string RequestId, string Name, int Sort)>();
        for (var i = 0; i < items.Count; i++)
        {
            var reader = new FieldReader(items[i], Body.RequestId(items[i], i), errors);
            inputs.Add((reader.RequestId, reader.String("name", required: true) ?? "", reader.Int("sort") ?? 0));
        }

        errors.ThrowIfAny();
        var created = new JArray();
        foreach (var (requestId, name, sort) in inputs)
        {
            var reason = new LossReason { Id = call.State.NextId("loss_reason"), Name = name, Sort = sort, CreatedAt = call.Now, UpdatedAt = call.Now };
            call.State.LossReasons[reason.Id] = reason;
            created.Add(View(call, reason, requestId));
        }

        return ApiResult.Ok(new JObject { ["_total_items"] = created.Count, ["_embedded"] = new JObject { ["loss_reasons"] = created } });
    }

    private static ApiResult Update(ApiCall call)
    {
        Guard.Admin(call);
        var reason = Find(call);
        var errors = new ValidationErrors();
        var reader = new FieldReader(Body.Object(call), "0", errors);
        var name = reader.String("name");
        var sort = reader.Int("sort");
        errors.ThrowIfAny();
        reason.Name = name ?? reason.Name;
        reason.Sort = sort ?? reason.Sort;
        reason.UpdatedAt = call.Now;
        return ApiResult.Ok(View(call, reason));
    }

    private static ApiResult Delete(ApiCall call)
    {
        Guard.Admin(call);
        var reason = Find(call);
        call.State.LossReasons.Remove(reason.Id);
        foreach (var lead in call.State.Leads.Values.Where(l => l.LossReasonId == reason.Id))
        {
            lead.LossReasonId = null;
        }

        return ApiResult.NoContent();
    }
}
