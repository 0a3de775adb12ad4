namespace Crm.Connector.Templates.Model.Triggers;

/// <summary>
/// What starts an automation. In JSON an object with a <c>type</c>: <c>created</c>, <c>stageEntered</c>,
/// <c>inStage</c>, <c>fieldChanged</c> or <c>fieldDate</c>.
/// </summary>
public abstract record AutomationTrigger
{
    /// <summary>The JSON <c>type</c> of this trigger.</summary>
    public abstract string TypeName { get; }
}
