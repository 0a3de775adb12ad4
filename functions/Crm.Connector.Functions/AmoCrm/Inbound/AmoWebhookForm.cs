using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Crm.Connector.Functions.Bitrix24.Inbound;

namespace Crm.Connector.Functions.AmoCrm.Inbound;

/// <summary>
/// Reads an account webhook's form (amocrm-api.md §8.2: <c>{entity}[{action}][{i}][field]</c>, every value a string,
/// plus <c>account[id]</c>). Kept: <c>leads[…]</c> as deals, <c>contacts[…]</c> as contacts or — with
/// <c>type=company</c> — companies, and <c>unsorted[delete]</c> with <c>action=accept</c> as an <c>add</c> of each
/// accepted lead. Acknowledged and not kept: <c>task[…]</c> (tasks are the app's own output; nothing in the templates
/// reacts to them yet), <c>unsorted[add|update]</c> (an unsorted entry is not a lead until accepted) and anything else
/// amoCRM may add. A kept item without a positive id makes the whole form malformed: nothing of it is stored.
/// </summary>
public static class AmoWebhookForm
{
    private static readonly HashSet<string> Changes = new(StringComparer.Ordinal) { "add", "update", "status", "delete", "restore", "responsible", "note" };

    public static (AmoWebhookDelivery? Delivery, string? Error) Parse(FormBody form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Id(form.Get("account", "id")) is not { } accountId)
        {
            return (null, "account[id] is missing or not a positive integer.");
        }

        var items = new List<AmoWebhookItem>();
        var ignored = 0;
        foreach (var (root, node) in form.Children())
        {
            if (root == "account")
            {
                continue;
            }

            if (node.IsValue)
            {
                ignored++;
                continue;
            }

            foreach (var (action, list) in node.Children)
            {
                var group = $"{root}[{action}]";
                var error = root switch
                {
                    "leads" or "contacts" or "companies" when Changes.Contains(action) => Entities(root, action, group, list, items),
                    "unsorted" when action == "delete" => Accepted(group, list, items, ref ignored),
                    _ => Ignore(list, ref ignored),
                };
                if (error is not null)
                {
                    return (null, error);
                }
            }
        }

        return (new AmoWebhookDelivery(accountId, items, ignored), null);
    }

    private static string? Entities(string root, string action, string group, FormNode list, List<AmoWebhookItem> items)
    {
        foreach (var (index, item) in Indexed(list))
        {
            if (item.IsValue || Id(Field(item, "id")) is not { } id)
            {
                return $"{group}[{index}][id] is missing or not a positive integer.";
            }

            var entity = root switch
            {
                "leads" => "deal",
                "companies" => "company",
                _ => Field(item, "type") == "company" ? "company" : "contact",
            };
            items.Add(new AmoWebhookItem(group, entity, action, id, Id(Field(item, "status_id")), Id(Field(item, "pipeline_id")), Version(item), Digest(item, null)));
        }

        return null;
    }

    /// <summary><c>unsorted[delete]</c>: an accepted entry became leads (<c>accept_result[leads][]</c>), each a new deal; a declined one is nothing.</summary>
    private static string? Accepted(string group, FormNode list, List<AmoWebhookItem> items, ref int ignored)
    {
        foreach (var (index, item) in Indexed(list))
        {
            if (item.IsValue || Field(item, "action") != "accept")
            {
                ignored++;
                continue;
            }

            var leads = item.Children.TryGetValue("accept_result", out var result) && result.Children.TryGetValue("leads", out var ids) ? ids : null;
            if (leads is null || leads.IsValue || leads.Children.Count == 0)
            {
                return $"{group}[{index}] is accepted but names no lead (accept_result[leads]).";
            }

            foreach (var (_, lead) in Indexed(leads))
            {
                if (Id(lead.Value) is not { } id)
                {
                    return $"{group}[{index}][accept_result][leads] holds something that is not a lead id.";
                }

                items.Add(new AmoWebhookItem(group, "deal", "add", id, Id(Field(item, "status_id")), Id(Field(item, "pipeline_id")), Version(item), Digest(item, id)));
            }
        }

        return null;
    }

    private static string? Ignore(FormNode list, ref int ignored)
    {
        ignored += list.IsValue ? 1 : Math.Max(1, list.Children.Count);
        return null;
    }

    private static IEnumerable<(string Index, FormNode Item)> Indexed(FormNode list) =>
        list.IsValue ? [("0", list)] : list.Children.Select(c => (c.Key, c.Value));

    private static string? Field(FormNode item, string name) =>
        !item.IsValue && item.Children.TryGetValue(name, out var field) && field.IsValue ? field.Value : null;

    private static long? Id(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    private static string Version(FormNode item) => Field(item, "updated_at") ?? Field(item, "last_modified") ?? "0";

    /// <summary>16 hex digits of SHA-256 over the item's fields flattened and sorted (order in the form does not matter).</summary>
    private static string Digest(FormNode item, long? lead)
    {
        var pairs = new List<string>();
        Flatten(item, string.Empty, pairs);
        if (lead is { } id)
        {
            pairs.Add("lead=" + id.ToString(CultureInfo.InvariantCulture));
        }

        pairs.Sort(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', pairs))))[..16];
    }

    private static void Flatten(FormNode node, string path, List<string> pairs)
    {
        if (node.IsValue)
        {
            pairs.Add(path + "=" + node.Value);
            return;
        }

        foreach (var (key, child) in node.Children)
        {
            Flatten(child, path.Length == 0 ? key : $"{path}[{key}]", pairs);
        }
    }
}
