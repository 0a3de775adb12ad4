using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;
using RestSharp;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>Notes of leads, contacts and companies: <c>/api/v4/{entity}/{id}/notes</c>, <c>/api/v4/{entity}/notes</c> (amocrm-api.md §7.2).</summary>
public sealed class NoteService : AmoService
{
    internal NoteService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET /api/v4/{entity}/{id}/notes</c>: every note of one entity.</summary>
    public Task<IReadOnlyList<AmoNote>> ListAsync(AmoEntityType entity, long entityId, CancellationToken cancellationToken = default) =>
        ListAsync<AmoNote>($"api/v4/{entity.Path()}/{entityId}/notes", "notes", cancellationToken);

    /// <summary><c>POST /api/v4/{entity}/notes</c> (each note names its entity): chunks of 50, results in input order.</summary>
    public Task<IReadOnlyList<AmoWriteResult>> AddAsync(AmoEntityType entity, IReadOnlyList<AmoNoteAdd> notes, CancellationToken cancellationToken = default) =>
        WriteAsync<AmoWriteResult>(new WriteSpec(Method.Post, $"api/v4/{entity.Path()}/notes", "notes", "note"), notes, cancellationToken);
}
