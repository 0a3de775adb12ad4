namespace Crm.Connector.Installer;

/// <summary>The kinds of things a template puts on a portal.</summary>
public enum ResourceKind
{
    Pipeline,
    Stage,
    Field,
    ListItem,
    Source,
    Robot,
    EventBinding,
    Automation,

    /// <summary>An access role (where the CRM lets an app create roles).</summary>
    Role,

    /// <summary>A reason a deal is lost, where the CRM keeps them natively (amoCRM loss reasons).</summary>
    LossReason,

    /// <summary>A button the app puts into the CRM's interface (Bitrix24 placement.bind).</summary>
    Placement,
}
