using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Pipelines;

/// <summary>
/// <c>/api/v4/leads/pipelines/{pipeline_id}/statuses</c> (§3): list (<c>with=descriptions</c>), one, POST array
/// (name and sort required, colour one of the 21), PATCH one (142/143: name only; «Неразобранное» not at all),
/// DELETE one (system statuses cannot be deleted; the status's leads move to the pipeline's first stage).
/// Moving leads on a status delete sends no webhooks and records no events (UNCONFIRMED what amoCRM does).
/// </summary>
internal static class StatusRoutes
{
    private const string Base = "/api/v4/leads/pipelines/{id}/statuses";

    public static void Add(RouteTable routes) => routes
        .Get(Base, List)
        .Post(Base, Create)
        .Get(Base + "/{id}", One)
        .Patch(Base + "/{id}", Update)
        .Delete(Base + "/{id}", Delete);

    private static Pipeline PipelineOf(ApiCall call) =>
        call.State.Pipelines.TryGetValue(call.Id(0), out var pipeline) ? pipeline : throw ApiProblem.NotFound();

    private static ApiResult List(ApiCall call)
    {
        var pipeline = PipelineOf(call);
        var statuses = pipeline.Ordered.Select(s => PipelineView.Status(call, s)).ToList();
        return ApiResult.Ok(new JObject
        {
            ["_total_items"] = statuses.Count,
            ["_links"] = Hal.Self(call.Account, $"/api/v4/leads/pipelines/{pipeline.Id}/statuses"),
            ["_embedded"] = new JObject { ["statuses"] = new JArray(statuses) },
        });
    }

    private static ApiResult One(ApiCall call) =>
        PipelineOf(call).Status(call.Id(1)) is { } status ? ApiResult.Ok(PipelineView.Status(call, status)) : throw ApiProblem.NotFound();

    private static ApiResult Create(ApiCall call)
    {
        Guard.Admin(call);
        var pipeline = PipelineOf(call);
        var items = Body.Items(call);
        var errors = new ValidationErrors();
        var inputs = new List<(string RequestId, StatusInput Input)>();
        for (var i = 0; i < items.Count; i++)
        {
            var reader = new FieldReader(items[i], Body.RequestId(items[i], i), errors);
            var input = StatusInput.Read(reader, creating: true);
            if (input.Id is not null)
            {
                reader.Error("FieldNotExpected", "id", "New statuses get their id from the server.");
            }

            if (pipeline.Statuses.Count + i + 1 > PipelineLimits.StatusesPerPipeline)
            {
                reader.Error("LimitExceeded", "", $"At most {PipelineLimits.StatusesPerPipeline} statuses per pipeline, system statuses included.");
            }

            inputs.Add((reader.RequestId, input));
        }

        errors.ThrowIfAny();
        var created = new JArray();
        foreach (var (requestId, input) in inputs)
        {
            var status = new Status
            {
                Id = call.State.NextId("status"),
                PipelineId = pipeline.Id,
                Name = input.Name!,
                Sort = input.Sort ?? 0,
                Color = input.Color ?? StatusColors.Default,
                Descriptions = input.Descriptions is null ? [] : (JArray)input.Descriptions.DeepClone(),
            };
            pipeline.Statuses.Add(status);
            created.Add(PipelineView.Status(call, status, requestId));
        }

        return ApiResult.Ok(new JObject { ["_total_items"] = created.Count, ["_embedded"] = new JObject { ["statuses"] = created } });
    }

    private static ApiResult Update(ApiCall call)
    {
        Guard.Admin(call);
        var pipeline = PipelineOf(call);
        var status = pipeline.Status(call.Id(1)) ?? throw ApiProblem.NotFound();
        var errors = new ValidationErrors();
        var reader = new FieldReader(Body.Object(call), "0", errors);
        var input = StatusInput.Read(reader, creating: false);
        if (status.Type == 1)
        {
            reader.Error("NotSupportedChoice", "", "The unsorted stage cannot be changed.");
        }
        else if (status.IsClosed && (input.Sort is not null || input.Color is not null))
        {
            reader.Error("FieldNotExpected", input.Sort is not null ? "sort" : "color", "Only the name of 142 and 143 can be changed.");
        }

        errors.ThrowIfAny();
        status.Name = input.Name ?? status.Name;
        status.Sort = input.Sort ?? status.Sort;
        status.Color = input.Color ?? status.Color;
        if (input.Descriptions is not null)
        {
            status.Descriptions = (JArray)input.Descriptions.DeepClone();
        }

        return ApiResult.Ok(PipelineView.Status(call, status));
    }

    private static ApiResult Delete(ApiCall call)
    {
        Guard.Admin(call);
        var pipeline = PipelineOf(call);
        var status = pipeline.Status(call.Id(1)) ?? throw ApiProblem.NotFound();
        if (status.IsSystem)
        {
            throw ApiProblem.BadRequest("System statuses cannot be deleted.");
        }

        var target = pipeline.FirstStage(except: status.Id);
        foreach (var lead in call.State.Leads.Values.Where(l => l.PipelineId == pipeline.Id && l.StatusId == status.Id))
        {
            lead.StatusId = target?.Id ?? Status.Lost;
            lead.UpdatedAt = call.Now;
        }

        pipeline.Statuses.Remove(status);
        foreach (var field in call.State.Fields.Values)
        {
            field.RequiredStatuses.RemoveAll(r => r.StatusId == status.Id);
        }

        return ApiResult.NoContent();
    }
}
