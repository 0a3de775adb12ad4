using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Pipelines;

/// <summary>
/// <c>/api/v4/leads/pipelines</c> (§3). POST takes an array; each pipeline needs name, sort, is_main and
/// is_unsorted_on, may embed statuses (new ones need name and sort; <c>{"id":142,"name":…}</c> renames a closed
/// stage), and comes back with <c>request_id</c> and all its statuses: «Неразобранное» when unsorted is on, the new
/// ones, 142 and 143. At most 50 pipelines and 100 statuses per pipeline. A pipeline with leads, or the last one,
/// cannot be deleted.
/// UNCONFIRMED: the error shapes of the limits (the docs give only the numbers): the sandbox answers 400 with a
/// validation error (code <c>LimitExceeded</c>).
/// </summary>
internal static class PipelineRoutes
{
    public static void Add(RouteTable routes) => routes
        .Get("/api/v4/leads/pipelines", List)
        .Post("/api/v4/leads/pipelines", Create)
        .Get("/api/v4/leads/pipelines/{id}", One)
        .Patch("/api/v4/leads/pipelines/{id}", Update)
        .Delete("/api/v4/leads/pipelines/{id}", Delete);

    private static ApiResult List(ApiCall call)
    {
        var pipelines = call.State.Pipelines.Values.OrderBy(p => p.Sort).ThenBy(p => p.Id).Select(p => PipelineView.Pipeline(call, p)).ToList();
        return ApiResult.Ok(new JObject
        {
            ["_total_items"] = pipelines.Count,
            ["_links"] = Hal.Self(call.Account, "/api/v4/leads/pipelines"),
            ["_embedded"] = new JObject { ["pipelines"] = new JArray(pipelines) },
        });
    }

    private static ApiResult One(ApiCall call) =>
        call.State.Pipelines.TryGetValue(call.Id(), out var pipeline) ? ApiResult.Ok(PipelineView.Pipeline(call, pipeline)) : throw ApiProblem.NotFound();

    private static ApiResult Create(ApiCall call)
    {
        Guard.Admin(call);
        var items = Body.Items(call);
        var errors = new ValidationErrors();
        var inputs = new List<(string RequestId, string Name, int Sort, bool IsMain, bool IsUnsortedOn, List<StatusInput> Statuses)>();
        for (var i = 0; i < items.Count; i++)
        {
            var reader = new FieldReader(items[i], Body.RequestId(items[i], i), errors);
            var name = reader.String("name", required: true);
            var sort = reader.Int("sort", required: true);
            var isMain = reader.Bool("is_main", required: true);
            var isUnsortedOn = reader.Bool("is_unsorted_on", required: true);
            var statuses = new List<StatusInput>();
            if (reader.Object("_embedded") is { } embedded && reader.Nested(embedded, "_embedded") is var nested && nested.Array("statuses") is { } list)
            {
                for (var j = 0; j < list.Count; j++)
                {
                    if (list[j] is not JObject status)
                    {
                        nested.Error("InvalidType", $"statuses.{FieldReader.Index(j)}", "This value should be of type object.");
                        continue;
                    }

                    statuses.Add(StatusInput.Read(nested.Nested(status, $"statuses.{FieldReader.Index(j)}"), creating: true));
                }
            }

            var total = statuses.Count(s => s.Id is null) + (isUnsortedOn == true ? 3 : 2);
            if (total > PipelineLimits.StatusesPerPipeline)
            {
                reader.Error("LimitExceeded", "_embedded.statuses", $"At most {PipelineLimits.StatusesPerPipeline} statuses per pipeline, system statuses included.");
            }

            if (call.State.Pipelines.Count + i + 1 > PipelineLimits.Pipelines)
            {
                reader.Error("LimitExceeded", "", $"At most {PipelineLimits.Pipelines} pipelines per account.");
            }

            inputs.Add((reader.RequestId, name ?? "", sort ?? 0, isMain ?? false, isUnsortedOn ?? false, statuses));
        }

        errors.ThrowIfAny();
        var created = new JArray();
        foreach (var input in inputs)
        {
            if (input.IsMain)
            {
                foreach (var other in call.State.Pipelines.Values)
                {
                    other.IsMain = false;
                }
            }

            var pipeline = PipelineFactory.Create(call.State, input.Name, input.Sort, input.IsMain, input.IsUnsortedOn);
            foreach (var status in input.Statuses)
            {
                if (status.Id is { } closedId)
                {
                    pipeline.Status(closedId)!.Name = status.Name ?? pipeline.Status(closedId)!.Name;
                    continue;
                }

                pipeline.Statuses.Add(new Status
                {
                    Id = call.State.NextId("status"),
                    PipelineId = pipeline.Id,
                    Name = status.Name!,
                    Sort = status.Sort ?? 0,
                    Color = status.Color ?? StatusColors.Default,
                    Descriptions = status.Descriptions is null ? [] : (JArray)status.Descriptions.DeepClone(),
                });
            }

            created.Add(PipelineView.Pipeline(call, pipeline, input.RequestId));
        }

        return ApiResult.Ok(new JObject
        {
            ["_total_items"] = created.Count,
            ["_embedded"] = new JObject { ["pipelines"] = created },
        });
    }

    private static ApiResult Update(ApiCall call)
    {
        Guard.Admin(call);
        if (!call.State.Pipelines.TryGetValue(call.Id(), out var pipeline))
        {
            throw ApiProblem.NotFound();
        }

        var errors = new ValidationErrors();
        var reader = new FieldReader(Body.Object(call), "0", errors);
        var name = reader.String("name");
        var sort = reader.Int("sort");
        var isMain = reader.Bool("is_main");
        var isUnsortedOn = reader.Bool("is_unsorted_on");
        if (name is null && sort is null && isMain is null && isUnsortedOn is null && !errors.Any)
        {
            reader.Error("FieldMissing", "", "Give at least one of name, sort, is_main, is_unsorted_on.");
        }

        if (isMain == false && pipeline.IsMain)
        {
            reader.Error("NotSupportedChoice", "is_main", "Make another pipeline the main one instead.");
        }

        var unsorted = pipeline.Statuses.Find(s => s.Type == 1);
        if (isUnsortedOn == false && unsorted is not null && call.State.Leads.Values.Any(l => l.StatusId == unsorted.Id))
        {
            reader.Error("NotSupportedChoice", "is_unsorted_on", "The unsorted stage has leads.");
        }

        errors.ThrowIfAny();
        pipeline.Name = name ?? pipeline.Name;
        pipeline.Sort = sort ?? pipeline.Sort;
        if (isMain == true)
        {
            foreach (var other in call.State.Pipelines.Values)
            {
                other.IsMain = other == pipeline;
            }
        }

        if (isUnsortedOn is { } on)
        {
            pipeline.IsUnsortedOn = on;
            if (on && unsorted is null)
            {
                PipelineFactory.AddUnsorted(call.State, pipeline);
            }
            else if (!on && unsorted is not null)
            {
                pipeline.Statuses.Remove(unsorted);
            }
        }

        return ApiResult.Ok(PipelineView.Pipeline(call, pipeline));
    }

    private static ApiResult Delete(ApiCall call)
    {
        Guard.Admin(call);
        var id = call.Id();
        if (!call.State.Pipelines.TryGetValue(id, out var pipeline))
        {
            throw ApiProblem.NotFound();
        }

        if (call.State.Pipelines.Count == 1)
        {
            throw ApiProblem.BadRequest("The last pipeline cannot be deleted.");
        }

        if (call.State.Leads.Values.Any(l => l.PipelineId == id))
        {
            throw ApiProblem.BadRequest("A pipeline with leads cannot be deleted.");
        }

        call.State.Pipelines.Remove(id);
        foreach (var field in call.State.Fields.Values)
        {
            field.RequiredStatuses.RemoveAll(r => r.PipelineId == id);
        }

        if (pipeline.IsMain)
        {
            call.State.Pipelines.Values.OrderBy(p => p.Sort).ThenBy(p => p.Id).First().IsMain = true;
        }

        return ApiResult.NoContent();
    }
}
