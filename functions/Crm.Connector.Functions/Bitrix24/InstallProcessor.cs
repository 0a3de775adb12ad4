using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Functions.Bitrix24.Inbound;
using Crm.Connector.Functions.Http;
using Crm.Connector.Installer.Bitrix24;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Installations;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24;

/// <summary>
/// Installation messages (bitrix24-rest.md §1): the callback form and ONAPPINSTALL (either may come first, or alone)
/// create or update the installation; ONAPPUPDATE stores the new application token and provisions again; ONAPPUNINSTALL
/// marks it removed (and deletes its data when asked). Nothing is stored before the message is verified: the portal's
/// host must be an allowed one, and its tokens must work there (<c>app.info</c>); a member_id already installed on
/// another host is refused, so tokens of one portal can never take over another.
/// </summary>
public sealed class InstallProcessor(
    IStore store,
    PortalClients clients,
    Provisioner provisioner,
    IOptions<Bitrix24AppOptions> options,
    TimeProvider time)
{
    public async Task<InstallOutcome> HandleAsync(InstallMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!PortalDomains.IsAllowed(message.Domain, options.Value.AllowedDomains))
        {
            return Refuse(403, "DOMAIN_NOT_ALLOWED", $"{message.Domain} is not a portal address this app serves (Bitrix24:PortalDomains).", message);
        }

        if (message.ClientEndpoint is { } endpoint && !string.Equals(endpoint.Authority, message.Domain, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(400, "ENDPOINT_MISMATCH", "auth[client_endpoint] is not on auth[domain].", message);
        }

        var existing = await store.Installations.GetAsync(message.MemberId, cancellationToken);
        if (existing is not null && existing.Status == InstallationStatus.Active && !string.Equals(existing.Domain, message.Domain, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(409, "MEMBER_ON_ANOTHER_PORTAL", "This member_id is installed on another portal address.", message);
        }

        if (message.Kind == InstallMessageKind.Uninstall)
        {
            return await UninstallAsync(message, existing, cancellationToken);
        }

        var (verified, info, error) = await VerifyAsync(message, cancellationToken);
        if (verified is null)
        {
            return error!;
        }

        var now = time.GetUtcNow();
        var installation = new Installation
        {
            MemberId = message.MemberId,
            Domain = message.Domain,
            Status = InstallationStatus.Active,
            ApplicationTokenHash = message.ApplicationToken is { Length: > 0 } token ? ApplicationTokenHash.Of(token) : existing?.ApplicationTokenHash,
            Plan = Bitrix24Plans.FromLicense(info!.License, info.LicenseFamily) ?? existing?.Plan,
            TemplateKey = existing?.TemplateKey ?? options.Value.DefaultTemplate,
            AppVersion = message.Version ?? info.Version ?? existing?.AppVersion,
            Settings = existing?.Settings ?? [],
            InstalledAt = existing is { Status: InstallationStatus.Active } ? existing.InstalledAt : now,
            UpdatedAt = now,
            SweptUntil = existing?.SweptUntil ?? now,
            TokensRefreshedAt = existing?.TokensRefreshedAt,
        };
        await store.Installations.SaveAsync(installation, verified, cancellationToken);
        clients.Forget(message.MemberId);

        ProvisionReport report;
        try
        {
            report = await provisioner.ProvisionAsync(installation, cancellationToken);
        }
        catch (Bitrix24Exception e)
        {
            await ScheduleRetryAsync(installation, e.Message, cancellationToken);
            return new InstallOutcome(
                HttpOutput.Json(202, new JObject { ["installed"] = true, ["provisioned"] = false, ["error"] = e.Message, ["retry"] = "scheduled" }),
                $"{message}: stored; provisioning failed ({e.Code}) and will be retried");
        }

        await store.Audit.AppendAsync(
            [
                new AuditEntry
                {
                    MemberId = message.MemberId,
                    At = time.GetUtcNow(),
                    Action = message.Kind == InstallMessageKind.Update ? "update" : "install",
                    Cause = $"{message.Kind} from {message.Domain}",
                    Detail = report.ToJson(),
                },
            ],
            cancellationToken);
        var body = new JObject { ["installed"] = true, ["provisioned"] = report.Succeeded, ["member_id"] = message.MemberId, ["result"] = report.ToJson() };
        if (!report.Succeeded)
        {
            await ScheduleRetryAsync(installation, string.Join("; ", report.Result.Failures.Select(f => f.Error)), cancellationToken);
        }

        return new InstallOutcome(HttpOutput.Json(200, body), $"{message}: {Created(report)}, {report.Result.Updated} updated, {report.Requests} requests");
    }

    /// <summary>"73 created (59 from the template, 14 event bindings)": the template's count is what crm-connector apply reports.</summary>
    private static string Created(ProvisionReport report) => report.EventBindingsCreated == 0
        ? $"{report.Result.Created} created"
        : $"{report.Result.Created} created ({report.Result.Created - report.EventBindingsCreated} from the template, {report.EventBindingsCreated} event bindings)";

    /// <summary>The message's tokens work on its portal: <c>app.info</c> with them (refreshing them with our app's secret if they already expired).</summary>
    private async Task<(OAuthTokens? Tokens, Crm.Connector.Bitrix24.Models.AppInfo? Info, InstallOutcome? Error)> VerifyAsync(InstallMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message.RefreshToken))
        {
            return (null, null, Refuse(400, "NO_REFRESH_TOKEN", "The installation carries no refresh token (REFRESH_ID / auth[refresh_token]).", message));
        }

        var staging = new InMemoryTokenStore();
        await staging.SaveAsync(
            new OAuthTokens
            {
                MemberId = message.MemberId,
                AccessToken = message.AccessToken!,
                RefreshToken = message.RefreshToken,
                ExpiresAt = time.GetUtcNow().AddSeconds(message.ExpiresIn),
                ClientEndpoint = message.RestEndpoint,
                ServerEndpoint = message.ServerEndpoint,
                Scope = message.Scope,
            },
            cancellationToken);
        using var client = clients.ForTokens(message.MemberId, staging, maxRetries: 2);
        try
        {
            var info = await client.App.InfoAsync(cancellationToken);
            if (options.Value.AppCode is { Length: > 0 } code && !string.Equals(info.Code, code, StringComparison.Ordinal))
            {
                return (null, null, Refuse(403, "WRONG_APP", "The tokens belong to another application.", message));
            }

            return (await staging.GetAsync(message.MemberId, cancellationToken), info, null);
        }
        catch (Exception e) when (e is Bitrix24AuthenticationException or Bitrix24AccessDeniedException or Bitrix24ReinstallRequiredException)
        {
            return (null, null, Refuse(401, "TOKENS_REFUSED", "The portal did not accept the installation's tokens.", message));
        }
        catch (Bitrix24Exception e)
        {
            return (null, null, Refuse(502, "PORTAL_UNAVAILABLE", $"The portal could not be asked to confirm the installation ({(e.Code is { Length: > 0 } ? e.Code : "no answer")}). Try installing again.", message));
        }
    }

    private async Task<InstallOutcome> UninstallAsync(InstallMessage message, Installation? existing, CancellationToken cancellationToken)
    {
        // No tokens come with ONAPPUNINSTALL: the application token is the only proof (§1.5).
        if (existing is null || !ApplicationTokenHash.Matches(existing.ApplicationTokenHash, message.ApplicationToken))
        {
            return Refuse(401, "NOT_ACCEPTED", "The request could not be verified.", message);
        }

        clients.Forget(message.MemberId);
        if (message.Clean)
        {
            var removed = await store.Installations.DeleteAllDataAsync(message.MemberId, cancellationToken);
            return new InstallOutcome(HttpOutput.Json(200, new JObject { ["uninstalled"] = true, ["deleted"] = removed }), $"{message}: uninstalled, {removed} rows of its data deleted");
        }

        await store.Installations.MarkRemovedAsync(message.MemberId, cancellationToken);

        // Its accepted work, unsent effects and delayed checks can never be done now (the portal revoked the app's access): closed with
        // the uninstall, so nothing waits for it and health stops counting it.
        var closed = await store.Inbox.CloseAsync(message.MemberId, $"closed unprocessed: the app was uninstalled ({message.Kind})", cancellationToken);
        var unsent = await store.Outbox.CloseAsync(message.MemberId, $"not sent: the app was uninstalled ({message.Kind})", cancellationToken);
        var cancelled = await store.Jobs.CancelAsync(message.MemberId, message.MemberId + ":", cancellationToken);
        await store.Audit.AppendAsync(
            [new AuditEntry
            {
                MemberId = message.MemberId,
                At = time.GetUtcNow(),
                Action = "uninstall",
                Cause = $"{message.Kind} from {message.Domain}",
                Detail = new JObject { ["inboxClosed"] = closed, ["effectsNotSent"] = unsent, ["jobsCancelled"] = cancelled },
            }],
            cancellationToken);
        return new InstallOutcome(HttpOutput.Json(200, new JObject { ["uninstalled"] = true, ["deleted"] = 0 }), $"{message}: uninstalled, data kept");
    }

    private Task<long> ScheduleRetryAsync(Installation installation, string error, CancellationToken cancellationToken) =>
        store.Jobs.ScheduleAsync(
            new Storage.Jobs.ScheduledJob
            {
                Key = $"{installation.MemberId}:provision:{installation.UpdatedAt.ToUnixTimeMilliseconds()}",
                MemberId = installation.MemberId,
                Kind = JobKinds.Provision,
                DueAt = time.GetUtcNow().AddMinutes(1),
                Payload = new JObject { ["error"] = error.Length > 500 ? error[..500] : error },
            },
            cancellationToken);

    private static InstallOutcome Refuse(int status, string code, string description, InstallMessage message) =>
        new(HttpOutput.Error(status, code, description), $"{message} refused: {code}");
}
