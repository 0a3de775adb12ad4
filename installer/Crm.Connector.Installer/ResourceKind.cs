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
}
