using System.Globalization;
using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Serialization;

namespace Crm.Connector.Installer.AmoCrm;

/// <summary>
/// Which objects the app created hold data, before an uninstall removes them: a status with leads (deleting it would move
/// them to the first stage), a field with values, a loss reason leads were lost with, a role users have. amoCRM has no
/// filter for "has a value", so the entities whose fields are checked are read (250 a request) — once per entity kind,
/// whatever the number of fields. Pipelines are not checked: amoCRM itself refuses to delete one that holds leads.
/// </summary>
internal static class AmoData
{
    /// <summary>Resource key (<see cref="ResourceKey.ToString"/>) → why it is kept.</summary>
    public static async Task<Dictionary<string, string>> InUseAsync(AmoCrmClient client, IReadOnlyList<(ResourceKey Key, LedgerEntry Entry)> created, CancellationToken cancellationToken)
    {
        var inUse = new Dictionary<string, string>(StringComparer.Ordinal);
        var createdPipelines = created.Where(c => c.Key.Kind == ResourceKind.Pipeline).Select(c => c.Key.Path).ToHashSet(StringComparer.Ordinal);

        foreach (var (key, entry) in created.Where(c => c.Key.Kind == ResourceKind.Stage && !createdPipelines.Contains(c.Key.Path[..c.Key.Path.LastIndexOf('/')])))
        {
            var (pipeline, status) = AmoCrmNames.ParseStageId(entry.PortalId);
            var leads = await client.Leads.ListAsync(new AmoListFilter { Statuses = [new AmoStageKey(pipeline, status)] }, cancellationToken);
            if (leads.Count > 0)
            {
                inUse[key.ToString()] = Count(leads.Count, "lead", "leads") + " in it";
            }
        }

        var fields = created.Where(c => c.Key.Kind == ResourceKind.Field).ToList();
        var reasons = created.Where(c => c.Key.Kind == ResourceKind.LossReason).ToList();
        IReadOnlyList<AmoLead>? allLeads = null;
        foreach (var group in fields.GroupBy(f => EntityOf(f.Key)))
        {
            IReadOnlyList<IReadOnlyList<AmoCustomFieldValue>?> values = group.Key switch
            {
                AmoEntityType.Leads => [.. (allLeads = await client.Leads.ListAsync(null, cancellationToken)).Select(l => l.CustomFieldsValues)],
                AmoEntityType.Contacts => [.. (await client.Contacts.ListAsync(null, cancellationToken)).Select(c => c.CustomFieldsValues)],
                AmoEntityType.Companies => [.. (await client.Companies.ListAsync(null, cancellationToken)).Select(c => c.CustomFieldsValues)],
                _ => [],
            };
            var kind = group.Key switch { AmoEntityType.Contacts => ("contact", "contacts"), AmoEntityType.Companies => ("company", "companies"), _ => ("lead", "leads") };
            foreach (var (key, entry) in group)
            {
                var id = AmoCrmNames.Id(entry.PortalId);
                var holding = values.Count(v => v?.Any(f => f.FieldId == id && f.Values is { Count: > 0 }) == true);
                if (holding > 0)
                {
                    inUse[key.ToString()] = $"{Count(holding, kind.Item1, kind.Item2)} hold values in it";
                }
            }
        }

        if (reasons.Count > 0)
        {
            allLeads ??= await client.Leads.ListAsync(null, cancellationToken);
            foreach (var (key, entry) in reasons)
            {
                var id = AmoCrmNames.Id(entry.PortalId);
                var lost = allLeads.Count(l => l.LossReasonId == id);
                if (lost > 0)
                {
                    inUse[key.ToString()] = $"{Count(lost, "lead was", "leads were")} lost with it";
                }
            }
        }

        var roles = created.Where(c => c.Key.Kind == ResourceKind.Role).ToList();
        if (roles.Count > 0)
        {
            var users = await client.Users.ListAsync(cancellationToken);
            foreach (var (key, entry) in roles)
            {
                var id = AmoCrmNames.Id(entry.PortalId);
                var holders = users.Count(u => u.Rights?.RoleId == id);
                if (holders > 0)
                {
                    inUse[key.ToString()] = $"{Count(holders, "user has", "users have")} it";
                }
            }
        }

        return inUse;
    }

    /// <summary>The entity whose custom fields hold a field key's (<c>field/deal/COURSE</c> → leads).</summary>
    public static AmoEntityType? EntityOf(ResourceKey key) =>
        EnumNames.Parse<CrmEntity>(key.Path[..key.Path.IndexOf('/')]) is { } entity ? AmoCrmNames.Entity(entity) : null;

    private static string Count(int n, string one, string many) => string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");
}
