using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Errors;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Installations;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>
/// The consent redirect (amocrm-api.md §2.3, §14): checks in order what costs nothing — keys configured, declined,
/// <c>client_id</c> ours, <c>state</c> ours and fresh (not for widget installs, which carry none), <c>referer</c> an
/// allowed account host, a code present — so a refused redirect never causes an outbound call. Then it exchanges the
/// code on that host, reads the account id from amoCRM, stores the installation (<c>amocrm-{id}</c>) and its tokens,
/// subscribes the webhooks to a fresh secret destination, and queues provisioning: the marketplace waits at most 3 s.
/// A re-install of the same account keeps its template and settings, rotates the secret and removes the old destinations.
/// </summary>
public sealed class AmoInstallProcessor(
    IStore store,
    AmoClients clients,
    AmoEndpoints endpoints,
    IOptions<AmoCrmAppOptions> options,
    TimeProvider time,
    ILogger<AmoInstallProcessor> log)
{
    public async Task<AmoInstallOutcome> HandleAsync(AmoInstallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var refusal = Check(request);
        if (refusal is not null)
        {
            return refusal;
        }

        var account = AmoAccountHosts.Address(request.Referer!);
        AmoTokens tokens;
        AmoAccount info;
        try
        {
            using (var oauth = clients.OAuth())
            {
                tokens = await oauth.ExchangeCodeAsync(account, clients.App, request.Code!, cancellationToken);
            }

            var staging = new InMemoryAmoTokenStore();
            await staging.SaveAsync(tokens, cancellationToken);
            using var reader = clients.ForTokens(account, staging, maxRetries: 1);
            info = await reader.AccountInfo.GetAsync(cancellationToken);
            tokens = await staging.LoadAsync(account.Key, cancellationToken) ?? tokens;
        }
        catch (AmoCrmAuthenticationException)
        {
            return Refuse(401, "CODE_REFUSED", "amoCRM did not accept the authorization code (it lives 20 minutes and works once). Start the installation again.", request);
        }
        catch (AmoCrmException e)
        {
            return Refuse(502, "ACCOUNT_UNAVAILABLE", $"The account could not be reached to finish the installation ({e.GetType().Name}). Try installing again.", request);
        }

        return await InstallAsync(account, tokens, info, cancellationToken);
    }

    /// <summary>The checks that need no outbound call; null when the redirect may proceed.</summary>
    private AmoInstallOutcome? Check(AmoInstallRequest request)
    {
        var o = options.Value;
        if (!o.IsConfigured)
        {
            return Refuse(503, "NOT_CONFIGURED", "The amoCRM integration is not configured on this server (AmoCrm:ClientId, AmoCrm:ClientSecret).", request);
        }

        if (request.Error is { Length: > 0 } error)
        {
            return Refuse(error == "access_denied" ? 200 : 400, error == "access_denied" ? "ACCESS_DENIED" : "OAUTH_ERROR", "Access was not granted in amoCRM, so nothing was installed.", request);
        }

        if (!string.Equals(request.ClientId, o.ClientId, StringComparison.Ordinal))
        {
            return Refuse(403, "WRONG_CLIENT", "The redirect is for another integration (client_id).", request);
        }

        if (!request.FromWidget)
        {
            var state = AmoInstallState.Check(request.State, o.ClientSecret!, time.GetUtcNow(), o.StateLifetime);
            if (state != AmoStateCheck.Valid)
            {
                return Refuse(403, "STATE_" + state.ToString().ToUpperInvariant(), "The installation did not start from this app's connect page, or it started too long ago. Start it again from the app.", request);
            }
        }

        if (!AmoAccountHosts.IsAllowed(request.Referer, o.AllowedDomains))
        {
            return Refuse(403, "DOMAIN_NOT_ALLOWED", "The referer is not an amoCRM account host this app serves (AmoCrm:AccountDomains).", request);
        }

        return string.IsNullOrEmpty(request.Code)
            ? Refuse(400, "NO_CODE", "The redirect carries no authorization code.", request)
            : null;
    }

    private async Task<AmoInstallOutcome> InstallAsync(AmoAccountAddress account, AmoTokens tokens, AmoAccount info, CancellationToken cancellationToken)
    {
        var memberId = AmoInstallations.MemberId(info.Id);
        var existing = await store.Installations.GetAsync(memberId, cancellationToken);
        var secret = AmoWebhookSecret.New();
        var now = time.GetUtcNow();
        var installation = new Installation
        {
            MemberId = memberId,
            Crm = AmoInstallations.Crm,
            Domain = account.Key,
            Status = InstallationStatus.Active,
            ApplicationTokenHash = ApplicationTokenHash.Of(secret),
            Plan = existing?.Plan,
            TemplateKey = existing?.TemplateKey ?? options.Value.DefaultTemplate,
            AppVersion = existing?.AppVersion,
            Settings = existing?.Settings ?? [],
            InstalledAt = existing is { Status: InstallationStatus.Active } ? existing.InstalledAt : now,
            UpdatedAt = now,
            SweptUntil = existing?.SweptUntil ?? now,
            TokensRefreshedAt = now,
        };

        // Tokens first: an active installation must never exist without the pair it arrived with.
        await store.AmoTokens.SaveAsync(memberId, tokens, cancellationToken);
        await store.Installations.SaveAsync(installation, cancellationToken: cancellationToken);
        var webhooks = await SubscribeAsync(installation, endpoints.WebhookUrl(secret), cancellationToken);
        await store.Audit.AppendAsync(
            [new AuditEntry
            {
                MemberId = memberId,
                At = now,
                Action = existing is null ? "install" : "reinstall",
                Cause = $"amoCRM consent on {account.Key}",
                Detail = new JObject { ["template"] = installation.TemplateKey, ["webhooks"] = webhooks ?? "subscribed" },
            }],
            cancellationToken);
        AmoCrmLog.Installed(log, memberId, account.Key, webhooks ?? "subscribed");
        var lines = new List<string>
        {
            $"Account {info.Name} ({account.Key}) is connected.",
            $"The template «{installation.TemplateKey}» is being set up now; it takes a minute or two.",
        };
        if (webhooks is not null)
        {
            lines.Add($"amoCRM refused the change notifications ({webhooks}); the app cannot react to changes until you install it again.");
        }

        return new AmoInstallOutcome(AmoInstallPage.Render(webhooks is null ? 200 : 502, "crm-connector is installed", lines), $"amoCRM {memberId} installed", AmoProvisionMessage.For(memberId));
    }

    /// <summary>
    /// Subscribes <paramref name="destination"/>, then removes this app's other destinations (an earlier install's secret
    /// URL: recognised by our prefix, since only its hash was kept). New before old, so no change goes unsent between
    /// them. Returns null when subscribed, else what amoCRM said (webhooks need a paid plan, §8.1).
    /// </summary>
    private async Task<string?> SubscribeAsync(Installation installation, string destination, CancellationToken cancellationToken)
    {
        using var client = clients.For(installation, maxRetries: 1);
        try
        {
            await client.Webhooks.SubscribeAsync(new AmoWebhookSubscription { Destination = destination, Settings = AmoWebhookSecret.Events, Sort = 10 }, cancellationToken);
        }
        catch (AmoCrmException e)
        {
            AmoCrmLog.SubscribeFailed(log, installation.MemberId, "POST /api/v4/webhooks", e.GetType().Name);
            return e.GetType().Name;
        }

        try
        {
            var ours = await client.Webhooks.ListAsync(cancellationToken: cancellationToken);
            foreach (var old in ours.Where(w => w.Destination.StartsWith(endpoints.WebhooksPrefix, StringComparison.Ordinal) && w.Destination != destination))
            {
                await client.Webhooks.UnsubscribeAsync(old.Destination, cancellationToken);
            }
        }
        catch (AmoCrmException e)
        {
            // The old destination's secret no longer matches anything, so its deliveries are refused anyway.
            AmoCrmLog.UnsubscribeFailed(log, installation.MemberId, e.GetType().Name);
        }

        return null;
    }

    private AmoInstallOutcome Refuse(int status, string code, string description, AmoInstallRequest request)
    {
        AmoCrmLog.InstallRefused(log, request.Referer ?? "(no referer)", code);
        return new AmoInstallOutcome(AmoInstallPage.Refusal(status, code, description), $"{request} refused: {code}");
    }
}
