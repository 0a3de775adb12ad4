using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>The app's amoCRM addresses under its public URL (<c>App:PublicUrl</c>, else where this process listens).</summary>
public sealed class AmoEndpoints(IOptions<AppOptions> app, IOptions<AmoCrmAppOptions> amo, HostingInfo hosting)
{
    /// <summary>The public base URL with a trailing slash.</summary>
    public Uri PublicUrl => app.Value.PublicUrl is { } configured
        ? new Uri(configured.AbsoluteUri.TrimEnd('/') + "/")
        : new Uri(hosting.Url.TrimEnd('/') + "/");

    /// <summary>The Redirect URI: configured, else <c>{public URL}api/amocrm/install</c>.</summary>
    public Uri RedirectUri => amo.Value.RedirectUri ?? new Uri(PublicUrl, "api/amocrm/install");

    /// <summary>Every webhook destination of this app starts with this (how an old subscription is recognised without its secret).</summary>
    public string WebhooksPrefix => new Uri(PublicUrl, "api/amocrm/webhooks/").AbsoluteUri;

    /// <summary>The destination of an installation whose secret is <paramref name="secret"/>.</summary>
    public string WebhookUrl(string secret) => WebhooksPrefix + secret;
}
