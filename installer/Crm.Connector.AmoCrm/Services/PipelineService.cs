using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;
using RestSharp;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>Lead pipelines: <c>/api/v4/leads/pipelines</c> (amocrm-api.md §3; at most 50 per account).</summary>
public sealed class PipelineService : AmoService
{
    private const string Path = "api/v4/leads/pipelines";

    internal PipelineService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET /api/v4/leads/pipelines</c>: every pipeline with its statuses embedded.</summary>
    public Task<IReadOnlyList<AmoPipeline>> ListAsync(CancellationToken cancellationToken = default) =>
        ListAsync<AmoPipeline>(Path, "pipelines", cancellationToken);

    /// <summary><c>POST /api/v4/leads/pipelines</c>: chunks of 50; results in input order, with their statuses (admin only).</summary>
    public Task<IReadOnlyList<AmoPipeline>> AddAsync(IReadOnlyList<AmoPipelineAdd> pipelines, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoPipeline>(new WriteSpec(Method.Post, Path, "pipelines", "pipeline"), pipelines, cancellationToken);

    /// <summary><c>PATCH /api/v4/leads/pipelines/{id}</c>: name, sort, is_main, is_unsorted_on.</summary>
    public Task<AmoPipeline> UpdateAsync(long id, AmoPipelinePatch patch, CancellationToken cancellationToken = default) =>
        SendAsync<AmoPipeline>(Method.Patch, $"{Path}/{id}", patch, cancellationToken, "pipeline");

    /// <summary><c>DELETE /api/v4/leads/pipelines/{id}</c>: refused for the last pipeline and for one holding leads.</summary>
    public Task DeleteAsync(long id, CancellationToken cancellationToken = default) => DeleteAsync($"{Path}/{id}", cancellationToken);
}
