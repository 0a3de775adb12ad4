using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;
using RestSharp;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>Statuses of a pipeline: <c>/api/v4/leads/pipelines/{pipeline_id}/statuses</c> (at most 100 per pipeline).</summary>
public sealed class StatusService : AmoService
{
    internal StatusService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET …/statuses</c>.</summary>
    public Task<IReadOnlyList<AmoStatus>> ListAsync(long pipelineId, CancellationToken cancellationToken = default) =>
        ListAsync<AmoStatus>(Path(pipelineId), "statuses", cancellationToken);

    /// <summary><c>POST …/statuses</c>: chunks of 50; results in input order.</summary>
    public Task<IReadOnlyList<AmoStatus>> AddAsync(long pipelineId, IReadOnlyList<AmoStatusAdd> statuses, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoStatus>(new WriteSpec(Method.Post, Path(pipelineId), "statuses", "status"), statuses, cancellationToken);

    /// <summary><c>PATCH …/statuses/{id}</c> (142/143: the name only).</summary>
    public Task<AmoStatus> UpdateAsync(long pipelineId, long statusId, AmoStatusPatch patch, CancellationToken cancellationToken = default) =>
        SendAsync<AmoStatus>(Method.Patch, $"{Path(pipelineId)}/{statusId}", patch, cancellationToken, "status");

    /// <summary><c>DELETE …/statuses/{id}</c>: its leads move to the pipeline's first status.</summary>
    public Task DeleteAsync(long pipelineId, long statusId, CancellationToken cancellationToken = default) =>
        DeleteAsync($"{Path(pipelineId)}/{statusId}", cancellationToken);

    private static string Path(long pipelineId) => $"api/v4/leads/pipelines/{pipelineId}/statuses";
}
