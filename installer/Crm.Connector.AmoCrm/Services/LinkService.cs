using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;
using RestSharp;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>
/// Links between entities: <c>/api/v4/{entity}/{id}/link|unlink|links</c> (amocrm-api.md §6.2). Linking an existing lead
/// to a contact goes through here — <c>_embedded.contacts</c> on a PATCH is ignored.
/// </summary>
public sealed class LinkService : AmoService
{
    internal LinkService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET /api/v4/{entity}/{id}/links</c>.</summary>
    public Task<IReadOnlyList<AmoLink>> ListAsync(AmoEntityType entity, long id, CancellationToken cancellationToken = default) =>
        ListAsync<AmoLink>($"api/v4/{entity.Path()}/{id}/links", "links", cancellationToken);

    /// <summary><c>POST /api/v4/{entity}/{id}/link</c>: linking twice changes nothing, so a lost answer is retried.</summary>
    public async Task<IReadOnlyList<AmoLink>> LinkAsync(AmoEntityType entity, long id, IReadOnlyList<AmoLink> links, CancellationToken cancellationToken = default)
    {
        var answer = await Requestor.SendAsync(
            new AmoRequest(Method.Post, $"api/v4/{entity.Path()}/{id}/link") { Body = AmoJson.From(links), Idempotent = true, Noun = "link" },
            cancellationToken);
        return [.. answer.Embedded("links").Select(AmoJson.To<AmoLink>)];
    }

    /// <summary><c>POST /api/v4/{entity}/{id}/unlink</c>.</summary>
    public Task UnlinkAsync(AmoEntityType entity, long id, IReadOnlyList<AmoLink> links, CancellationToken cancellationToken = default) =>
        Requestor.SendAsync(new AmoRequest(Method.Post, $"api/v4/{entity.Path()}/{id}/unlink") { Body = AmoJson.From(links), Idempotent = true, Noun = "link" }, cancellationToken);
}
