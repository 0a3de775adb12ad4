using Crm.Connector.AmoCrm.Models;
using Crm.Connector.AmoCrm.Transport;
using Newtonsoft.Json.Linq;
using RestSharp;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>Webhook subscriptions: <c>/api/v4/webhooks</c> (amocrm-api.md §8.1; admin only, at most 100).</summary>
public sealed class WebhookService : AmoService
{
    private const string Path = "api/v4/webhooks";

    internal WebhookService(AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET /api/v4/webhooks[?filter[destination]=…]</c>; check <see cref="AmoWebhook.Disabled"/>.</summary>
    public Task<IReadOnlyList<AmoWebhook>> ListAsync(string? destination = null, CancellationToken cancellationToken = default) =>
        ListAsync<AmoWebhook>(Path, "webhooks", cancellationToken, new AmoQuery().Add("filter[destination]", destination));

    /// <summary><c>POST /api/v4/webhooks</c>: subscribing the same destination again only updates it, so a lost answer is retried.</summary>
    public async Task<AmoWebhook> SubscribeAsync(AmoWebhookSubscription subscription, CancellationToken cancellationToken = default)
    {
        var answer = await Requestor.SendAsync(new AmoRequest(Method.Post, Path) { Body = AmoJson.From(subscription), Idempotent = true, Noun = "webhook" }, cancellationToken);
        return AmoJson.To<AmoWebhook>(answer.Body);
    }

    /// <summary><c>DELETE /api/v4/webhooks</c> with <c>{"destination": …}</c>.</summary>
    public Task UnsubscribeAsync(string destination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        return DeleteAsync(Path, cancellationToken, new JObject { ["destination"] = destination });
    }
}
