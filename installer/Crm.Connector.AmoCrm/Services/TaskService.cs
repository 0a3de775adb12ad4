using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;
using RestSharp;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>Tasks: <c>/api/v4/tasks</c> (amocrm-api.md §7.1).</summary>
public sealed class TaskService : AmoService
{
    private const string Path = "api/v4/tasks";

    internal TaskService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET /api/v4/tasks</c>: every page of what <paramref name="filter"/> selects.</summary>
    public Task<IReadOnlyList<AmoTask>> ListAsync(AmoTaskFilter? filter = null, CancellationToken cancellationToken = default) =>
        ListAsync<AmoTask>(Path, "tasks", cancellationToken, Filters.Query(filter));

    /// <summary><c>POST /api/v4/tasks</c>: chunks of 50, results in input order.</summary>
    public Task<IReadOnlyList<AmoWriteResult>> AddAsync(IReadOnlyList<AmoTaskAdd> tasks, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoWriteResult>(new WriteSpec(Method.Post, Path, "tasks", "task"), tasks, cancellationToken);

    /// <summary><c>PATCH /api/v4/tasks</c> (an array with ids): chunks of 50, results in input order.</summary>
    public Task<IReadOnlyList<AmoWriteResult>> UpdateAsync(IReadOnlyList<AmoTaskPatch> tasks, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoWriteResult>(new WriteSpec(Method.Patch, Path, "tasks", "task"), tasks, cancellationToken);
}
