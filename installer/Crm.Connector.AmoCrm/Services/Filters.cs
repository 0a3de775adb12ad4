using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>Filters as query parameters.</summary>
internal static class Filters
{
    public static AmoQuery Query(AmoListFilter? filter)
    {
        var query = new AmoQuery();
        if (filter is null)
        {
            return query;
        }

        query.AddAll("filter[id]", filter.Ids)
            .Add("filter[updated_at][from]", filter.UpdatedFrom)
            .Add("filter[updated_at][to]", filter.UpdatedTo)
            .Add("filter[created_at][from]", filter.CreatedFrom)
            .AddAll("filter[responsible_user_id]", filter.ResponsibleUserIds)
            .AddAll("filter[pipeline_id]", filter.PipelineIds)
            .Add("query", filter.Query)
            .With(filter.With);
        var i = 0;
        foreach (var stage in filter.Statuses ?? [])
        {
            query.Add($"filter[statuses][{i}][pipeline_id]", stage.PipelineId).Add($"filter[statuses][{i}][status_id]", stage.StatusId);
            i++;
        }

        return query;
    }

    public static AmoQuery Query(AmoTaskFilter? filter) => filter is null ? [] : new AmoQuery()
        .AddAll("filter[id]", filter.Ids)
        .AddAll("filter[responsible_user_id]", filter.ResponsibleUserIds)
        .Add("filter[is_completed]", filter.IsCompleted)
        .AddAll("filter[task_type]", filter.TaskTypeIds)
        .Add("filter[entity_type]", filter.EntityType)
        .AddAll("filter[entity_id]", filter.EntityIds)
        .Add("filter[updated_at][from]", filter.UpdatedFrom)
        .Add("filter[updated_at][to]", filter.UpdatedTo);

    public static AmoQuery Query(AmoEventFilter? filter) => filter is null ? [] : new AmoQuery()
        .AddAll("filter[id]", filter.Ids)
        .Add("filter[created_at][from]", filter.CreatedFrom)
        .Add("filter[created_at][to]", filter.CreatedTo)
        .AddAll("filter[created_by]", filter.CreatedBy)
        .AddAll("filter[entity]", filter.Entities)
        .AddAll("filter[entity_id]", filter.EntityIds)
        .AddAll("filter[type]", filter.Types)
        .With(filter.With);
}
