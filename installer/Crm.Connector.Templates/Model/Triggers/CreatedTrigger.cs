namespace Crm.Connector.Templates.Model.Triggers;

/// <summary>The item was created. With <see cref="After"/>, runs that long after creation if the condition still holds.</summary>
public sealed record CreatedTrigger : AutomationTrigger
{
    public const string Type = "created";

    public Delay? After { get; init; }

    public override string TypeName => Type;
}
