using Crm.Connector.Automation;
using Crm.Connector.Templates.Model;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Work;

/// <summary>
/// One installation's translation between its CRM's items (as the CRM answers a read, and as their snapshots keep them)
/// and the rules' view of them (<see cref="ItemState"/>: template codes for stages, pipelines, fields and list items).
/// </summary>
public interface IItemMapper
{
    CrmTemplate Template { get; }

    /// <summary>The rules' view of the CRM item <paramref name="raw"/> of <paramref name="entity"/>.</summary>
    ItemState ToState(string entity, long id, JObject raw);

    /// <summary>The CRM's own field values for <paramref name="values"/> (by template name); fields it cannot write are left out.</summary>
    JObject ToUpdate(string entity, IReadOnlyDictionary<string, object?> values);

    /// <summary>A value as a person reads it (a list item's name rather than its code or id).</summary>
    string Display(string entity, string field, object? value);
}
