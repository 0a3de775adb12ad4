namespace Crm.Connector.Sandbox.AmoCrm.Webhooks;

/// <summary>
/// §8.1: the <c>settings</c> values a destination may subscribe to. The sandbox fires those of leads, contacts,
/// companies and tasks (add, update, status, responsible, note); the others are accepted and never fire (there is no
/// unsorted, chat or catalog model, and the v4 API deletes none of these entities).
/// </summary>
internal static class WebhookSettings
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "add_lead", "update_lead", "delete_lead", "restore_lead", "status_lead", "responsible_lead", "note_lead",
        "add_contact", "update_contact", "delete_contact", "restore_contact", "responsible_contact", "note_contact",
        "add_company", "update_company", "delete_company", "restore_company", "responsible_company", "note_company",
        "add_customer", "update_customer", "delete_customer", "responsible_customer", "note_customer",
        "add_task", "update_task", "delete_task", "responsible_task",
        "add_unsorted", "update_unsorted", "delete_unsorted",
        "add_message", "add_outgoing_message", "add_talk", "update_talk", "add_chat_template_review",
    };
}
