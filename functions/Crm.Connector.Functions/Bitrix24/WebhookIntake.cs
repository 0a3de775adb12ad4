using Crm.Connector.Functions.Bitrix24.Inbound;
using Crm.Connector.Functions.Http;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Installations;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24;

/// <summary>
/// Events and robot calls from portals: verified by the application token stored for the portal (a constant-time
/// comparison of hashes; bitrix24-rest.md §4.4), deduplicated, and stored in the inbox before the 200 goes back —
/// the portal never sends an event twice (§4.5), so what is acknowledged must be kept. The work itself happens later.
/// <para>
/// The installation is read from the store on every call, never cached: an uninstall (or install, or a new
/// application token) handled by any instance holds on every instance from the next call. A cache kept for seconds
/// let other instances accept a removed portal's events meanwhile; the read is one primary-key lookup beside the
/// inbox write every accepted call makes anyway (the <c>events</c> benchmark measured no difference).
/// </para>
/// </summary>
public sealed class WebhookIntake(IStore store, TemplateProvider templates, TimeProvider time)
{
    /// <summary>A hash nothing matches, compared against when the portal is unknown so both refusals take the same time.</summary>
    private static readonly string NoPortal = ApplicationTokenHash.Of(Guid.NewGuid().ToString());

    public async Task<IntakeOutcome> AcceptEventAsync(EventMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await VerifyAsync(message.MemberId, message.ApplicationToken, cancellationToken) is null)
        {
            return IntakeOutcome.NotAccepted;
        }

        var payload = new JObject { ["event"] = message.Event, ["ts"] = message.Ts };
        if (message.CategoryId is not null)
        {
            payload["categoryId"] = message.CategoryId;
        }

        if (message.StageId is not null)
        {
            payload["stageId"] = message.StageId;
        }

        return await AcceptAsync(new InboxItem
        {
            Key = message.DedupeKey,
            MemberId = message.MemberId,
            Kind = "event",
            Entity = message.Entity,
            ItemId = message.ItemId,
            Payload = payload,
            ReceivedAt = time.GetUtcNow(),
        }, cancellationToken);
    }

    public async Task<IntakeOutcome> AcceptRobotAsync(RobotMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await VerifyAsync(message.MemberId, message.ApplicationToken, cancellationToken) is not { } installation)
        {
            return IntakeOutcome.NotAccepted;
        }

        var template = await templates.GetAsync(installation.TemplateKey ?? string.Empty);
        if (!template.Robots.Any(r => r.Code == message.Code))
        {
            return new IntakeOutcome(HttpOutput.Error(404, "UNKNOWN_ROBOT", $"The app has no robot '{message.Code}' on this portal."), null);
        }

        return await AcceptAsync(new InboxItem
        {
            Key = $"{message.MemberId}:robot:{message.EventToken}",
            MemberId = message.MemberId,
            Kind = "robot",
            Entity = message.Entity,
            ItemId = message.ItemId,
            Payload = new JObject
            {
                ["code"] = message.Code,
                ["eventToken"] = message.EventToken,
                ["workflowId"] = message.WorkflowId,
                ["properties"] = JObject.FromObject(message.Properties),
            },
            ReceivedAt = time.GetUtcNow(),
        }, cancellationToken);
    }

    private async Task<IntakeOutcome> AcceptAsync(InboxItem item, CancellationToken cancellationToken)
    {
        var added = await store.Inbox.TryAcceptAsync(item, cancellationToken);
        var answer = HttpOutput.Json(200, new JObject { ["accepted"] = true, ["duplicate"] = !added });

        // A duplicate is acknowledged like the original (the portal must not see an error) but queues nothing new.
        return new IntakeOutcome(answer, added ? WorkMessage.Drain(item.MemberId) : null);
    }

    /// <summary>The active installation whose application token was presented; null for anything else (unknown, removed, wrong token).</summary>
    private async Task<Installation?> VerifyAsync(string memberId, string applicationToken, CancellationToken cancellationToken)
    {
        var installation = await store.Installations.GetAsync(memberId, cancellationToken);
        var stored = installation is { Status: InstallationStatus.Active } ? installation.ApplicationTokenHash : NoPortal;
        return ApplicationTokenHash.Matches(stored, applicationToken) && installation is { Status: InstallationStatus.Active } ? installation : null;
    }
}
