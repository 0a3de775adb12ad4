namespace Crm.Connector.Templates.Model.Actions;

/// <summary>
/// One step an automation takes. In JSON an object with a <c>type</c>: <c>notify</c>, <c>task</c>, <c>callback</c>,
/// <c>comment</c>, <c>setField</c>, <c>moveToStage</c>, <c>copyDeal</c>, <c>requireFields</c>, <c>runProcess</c>,
/// <c>email</c> or <c>assign</c>. Texts may use <c>{FIELD}</c> placeholders (custom codes or system fields).
/// </summary>
public abstract record AutomationAction
{
    /// <summary>The JSON <c>type</c> of this action.</summary>
    public abstract string TypeName { get; }
}
