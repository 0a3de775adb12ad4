using Crm.Connector.Storage;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Pages;

/// <summary>What every page function does first: read the request, prove the session, and know which portal may frame the answer.</summary>
public sealed class PageHost(FrameVerifier verifier, IStore store, IOptions<PageOptions> options)
{
    public FrameVerifier Verifier => verifier;

    public PageOptions Options => options.Value;

    /// <summary>The request, the page's nonce, the portal origin allowed to frame it, and — when the session is not proved — the refusal page.</summary>
    public async Task<(PageRequest Request, string Nonce, string? FrameAncestor, PageResult? Refusal)> OpenAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var request = await PageRequest.ReadAsync(http, verifier, options.Value.MaxUploadBytes, cancellationToken);
        var nonce = PageResult.NewNonce();
        if (request.Session is null)
        {
            var refusal = request.Refusal!;
            return (request, nonce, null, PageResult.Page(refusal.Status, PageLayout.Refusal(refusal.Refusal!, nonce), nonce, null));
        }

        var endpoint = (await store.Tokens.GetAsync(request.Session.MemberId, cancellationToken))?.ClientEndpoint;
        return (request, nonce, endpoint is null ? null : $"{endpoint.Scheme}://{endpoint.Authority}", null);
    }
}
