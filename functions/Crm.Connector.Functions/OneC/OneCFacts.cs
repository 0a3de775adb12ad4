using Crm.Connector.Automation.Processes;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Work;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.OneC;
using Crm.Connector.Templates.Model.Processes;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.OneC;

/// <summary>
/// What 1C says of an item's invoice, handed to the CRM side as a fact in the installation's inbox: the worker reads the
/// deal and the template's 1C process writes the number, paid and remaining and moves the stage — through the same
/// pipeline, exactly-once effects and echo suppression as every other automation, for any CRM. A fact's key is its
/// content, so the same news twice is one piece of work.
/// </summary>
public sealed class OneCFacts(IStore store, TemplateProvider templates, TimeProvider time)
{
    /// <summary>The invoice's number, total and paid amount; false when the installation's template has no 1C process.</summary>
    public Task<bool> InvoiceAsync(OneCInvoiceLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var facts = new JObject
        {
            [OneCSync.NumberFact] = link.Number,
            [OneCSync.TotalFact] = Kopecks.Text(link.Total),
            [OneCSync.PaidFact] = Kopecks.Text(link.Paid),
        };
        return AcceptAsync(link.MemberId, link.Entity, link.ItemId, $"{link.Number}:{link.Total}:{link.Paid}", facts, cancellationToken);
    }

    /// <summary>A conflict recorded for the item (nothing was written to 1C), for its responsible to see.</summary>
    public Task<bool> ConflictAsync(string memberId, string entity, long itemId, string conflict, CancellationToken cancellationToken) =>
        AcceptAsync(memberId, entity, itemId, "conflict:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(conflict)))[..16], new JObject { [OneCSync.ConflictFact] = conflict }, cancellationToken);

    private async Task<bool> AcceptAsync(string memberId, string entity, long itemId, string content, JObject facts, CancellationToken cancellationToken)
    {
        var installation = await store.Installations.GetAsync(memberId, cancellationToken);
        if (installation?.TemplateKey is null)
        {
            return false;
        }

        var template = await templates.GetAsync(installation.TemplateKey);
        if (template.Processes.OfType<OneCSyncProcess>().FirstOrDefault() is not { } process)
        {
            return false;
        }

        await store.Inbox.TryAcceptAsync(
            new InboxItem
            {
                Key = $"{memberId}:onec:{entity}:{itemId}:{content}",
                MemberId = memberId,
                Kind = InboxKinds.Fact,
                Entity = entity,
                ItemId = itemId,
                Payload = new JObject { ["process"] = process.Key, ["facts"] = facts },
                ReceivedAt = time.GetUtcNow(),
            },
            cancellationToken);
        return true;
    }
}
