using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Automation.Processes;

/// <summary>One kind of business process (<see cref="ProcessDefinition.KindName"/>), configured by its template settings.</summary>
public interface IProcessRule
{
    /// <summary>The template's <c>kind</c> this rule runs.</summary>
    string Kind { get; }

    /// <summary>True when <paramref name="change"/> is something the process reacts to on its own (not only when a robot calls it).</summary>
    bool IsTriggeredBy(ProcessDefinition definition, ItemChange change);

    /// <summary>The decision for <paramref name="item"/> now; <paramref name="context"/> gives the moment, the portal's calendar and a robot call's properties.</summary>
    ProcessDecision Decide(ProcessDefinition definition, ItemState item, ProcessContext context);
}
