using System.Security.Cryptography;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>
/// The per-installation secret in the webhook destination (amoCRM signs no webhook, amocrm-api.md §8.4): 32 random
/// bytes, base64url. Only its SHA-256 is stored (<c>ApplicationTokenHash</c>); the URL exists only in amoCRM.
/// </summary>
public static class AmoWebhookSecret
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What amoCRM is asked to send (issue 12): leads, contacts, companies, tasks and the unsorted inbox.</summary>
    public static readonly IReadOnlyList<string> Events =
    [
        "add_lead", "update_lead", "status_lead", "delete_lead", "restore_lead", "responsible_lead",
        "add_contact", "update_contact", "delete_contact", "add_company", "update_company",
        "add_task", "update_task", "add_unsorted", "delete_unsorted",
    ];
}
