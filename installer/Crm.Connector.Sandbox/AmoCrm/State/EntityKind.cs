namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>The CRM entities that carry custom fields, links, notes and webhooks.</summary>
internal enum EntityKind
{
    Lead,
    Contact,
    Company,
}
