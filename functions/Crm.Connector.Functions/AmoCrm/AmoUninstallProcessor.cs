using System.Globalization;
using Crm.Connector.Functions.Bitrix24.Inbound;
using Crm.Connector.Functions.Http;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Audit;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>
/// The "access revoked" hook (amocrm-api.md §2.7): <c>GET ?client_uuid&amp;account_id&amp;signature</c>. Verified before
/// anything is read (a bad signature changes nothing and learns nothing); then the installation is marked removed as
/// Bitrix24's ONAPPUNINSTALL does — its data kept, its waiting work closed — and its tokens, revoked by amoCRM anyway,
/// are forgotten. From then on its webhooks are refused.
/// </summary>
public sealed class AmoUninstallProcessor(IStore store, IOptions<AmoCrmAppOptions> options, TimeProvider time, ILogger<AmoUninstallProcessor> log)
{
    public async Task<HttpOutput> HandleAsync(FormBody query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var o = options.Value;
        if (!o.IsConfigured)
        {
            return HttpOutput.Error(503, "NOT_CONFIGURED", "The amoCRM integration is not configured on this server.");
        }

        if (!long.TryParse(query.Get("account_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var accountId) || accountId <= 0)
        {
            return HttpOutput.Error(400, "BAD_REQUEST", "account_id must be the account's id (a positive integer).");
        }

        if (!AmoUninstallSignature.IsValid(query.Get("client_uuid"), accountId, query.Get("signature"), o.ClientId!, o.ClientSecret!))
        {
            AmoCrmLog.UninstallRefused(log, accountId);
            return HttpOutput.Error(401, "NOT_ACCEPTED", "The request could not be verified.");
        }

        var memberId = AmoInstallations.MemberId(accountId);
        var installation = await store.Installations.GetAsync(memberId, cancellationToken);
        if (installation is null || installation.Crm != AmoInstallations.Crm)
        {
            // Signed, so amoCRM means it; there is just nothing here to remove.
            return HttpOutput.Json(200, new JObject { ["uninstalled"] = false, ["reason"] = "not installed" });
        }

        await store.Installations.MarkRemovedAsync(memberId, cancellationToken);
        await store.AmoTokens.DeleteAsync(memberId, cancellationToken);
        var closed = await store.Inbox.CloseAsync(memberId, "closed unprocessed: the integration's access was revoked", cancellationToken);
        var unsent = await store.Outbox.CloseAsync(memberId, "not sent: the integration's access was revoked", cancellationToken);
        var cancelled = await store.Jobs.CancelAsync(memberId, memberId + ":", cancellationToken);
        await store.Audit.AppendAsync(
            [new AuditEntry
            {
                MemberId = memberId,
                At = time.GetUtcNow(),
                Action = "uninstall",
                Cause = "amoCRM access revoked hook",
                Detail = new JObject { ["inboxClosed"] = closed, ["effectsNotSent"] = unsent, ["jobsCancelled"] = cancelled },
            }],
            cancellationToken);
        AmoCrmLog.Uninstalled(log, memberId, closed, unsent, cancelled);
        return HttpOutput.Json(200, new JObject { ["uninstalled"] = true, ["member_id"] = memberId });
    }
}
