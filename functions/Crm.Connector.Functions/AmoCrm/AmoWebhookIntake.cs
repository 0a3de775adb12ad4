using Crm.Connector.Functions.AmoCrm.Inbound;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Bitrix24.Inbound;
using Crm.Connector.Functions.Http;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Installations;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>
/// Account webhooks (amocrm-api.md §8): amoCRM signs nothing, so a delivery is believed when the secret in its path
/// hashes to the one stored for the active installation <c>account[id]</c> names (§8.4) — compared in constant time,
/// against a hash nothing matches when the account is unknown, so an unknown account and a wrong secret take the same
/// path and get the same answer. Each change is stored in the inbox before the 200 (amoCRM waits 2 s, §8.3, and its
/// retries are minutes apart), deduplicated by member, group, id, version and a digest of its fields, so a redelivery
/// is one item. The installation is read on every call, as Bitrix24's intake does: an uninstall holds everywhere at once.
/// </summary>
public sealed class AmoWebhookIntake(IStore store, TimeProvider time)
{
    private static readonly string NoAccount = ApplicationTokenHash.Of(Guid.NewGuid().ToString());

    public async Task<IntakeOutcome> AcceptAsync(string? secret, FormBody form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (delivery, error) = AmoWebhookForm.Parse(form);
        if (delivery is null)
        {
            return IntakeOutcome.BadRequest(error!);
        }

        var memberId = AmoInstallations.MemberId(delivery.AccountId);
        var installation = await store.Installations.GetAsync(memberId, cancellationToken);
        var active = installation is { Status: InstallationStatus.Active, Crm: AmoInstallations.Crm };
        var stored = active ? installation!.ApplicationTokenHash : NoAccount;
        if (!ApplicationTokenHash.Matches(stored, secret) || !active)
        {
            return IntakeOutcome.NotAccepted;
        }

        var now = time.GetUtcNow();
        var added = 0;
        foreach (var item in delivery.Items)
        {
            var payload = new JObject { ["event"] = item.Group, ["change"] = item.Change };
            if (item.StatusId is { } status)
            {
                payload["statusId"] = status;
            }

            if (item.PipelineId is { } pipeline)
            {
                payload["pipelineId"] = pipeline;
            }

            var accepted = await store.Inbox.TryAcceptAsync(
                new InboxItem
                {
                    Key = $"{memberId}:{item.Group}:{item.ItemId}:{item.Version}:{item.Digest}",
                    MemberId = memberId,
                    Kind = "event",
                    Entity = item.Entity,
                    ItemId = item.ItemId,
                    Payload = payload,
                    ReceivedAt = now,
                },
                cancellationToken);
            added += accepted ? 1 : 0;
        }

        var answer = HttpOutput.Json(200, new JObject
        {
            ["accepted"] = true,
            ["stored"] = added,
            ["duplicate"] = delivery.Items.Count - added,
            ["ignored"] = delivery.Ignored,
        });

        // A duplicate is acknowledged like the original but queues nothing new.
        return new IntakeOutcome(answer, added > 0 ? WorkMessage.Drain(memberId) : null);
    }
}
