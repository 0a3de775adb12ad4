using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;
using Crm.Connector.Templates.Model.Conditions;
using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Functions.Work;

/// <summary>Whether a template's rules need the deal's contact read with it (a condition, required field or e-mail names the contact).</summary>
public static class ContactFields
{
    /// <summary>
    /// True when a deal automation's condition or a required field names a contact field (seed 004: the priority client,
    /// «Вид клиента» = «Автопарк»), an automation e-mails the contact, or the template issues invoices (they go to the
    /// contact, and 1C invoices a private person by the contact's name and phone) — only then is the contact read.
    /// </summary>
    public static bool Needed(CrmTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Automations.Any(a => a.Entity == CrmEntity.Deal && (NamesContact(a.Condition)
                || a.Actions.OfType<RequireFieldsAction>().Any(r => r.Fields.Any(f => f.StartsWith("contact.", StringComparison.Ordinal)))
                || a.Actions.OfType<EmailAction>().Any(e => e.To.Kind == RecipientKind.Contact)))
            || template.Processes.OfType<InvoiceProcess>().Any()
            || template.Processes.OfType<OneCSyncProcess>().Any();
    }

    private static bool NamesContact(Condition? condition) => condition switch
    {
        FieldCondition f => f.Field.StartsWith("contact.", StringComparison.Ordinal),
        AllCondition all => all.All.Any(NamesContact),
        AnyCondition any => any.Any.Any(NamesContact),
        NotCondition not => NamesContact(not.Not),
        _ => false,
    };
}
