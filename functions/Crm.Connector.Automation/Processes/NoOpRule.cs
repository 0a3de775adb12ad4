using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Automation.Processes;

/// <summary>A process kind this build does not run yet: reacts to nothing and decides nothing.</summary>
public sealed class NoOpRule(string kind) : IProcessRule
{
    public string Kind => kind;

    public bool IsTriggeredBy(ProcessDefinition definition, ItemChange change) => false;

    public ProcessDecision Decide(ProcessDefinition definition, ItemState item, ProcessContext context) => ProcessDecision.None;
}
