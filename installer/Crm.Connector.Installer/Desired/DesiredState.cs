using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Desired;

/// <summary>Everything a template asks of one portal on its plan, CRM-neutral.</summary>
public sealed record DesiredState(
    string TemplateKey,
    string TemplateVersion,
    CrmKind Crm,
    string Plan,
    IReadOnlyList<DesiredFlow> Flows,
    IReadOnlyList<DesiredField> Fields,
    IReadOnlyList<DesiredListItem> Sources,
    IReadOnlyList<DesiredRobot> Robots,
    IReadOnlyList<DesiredEvent> Events,
    IReadOnlyList<DesiredAutomation> Automations,
    IReadOnlyList<SkippedPart> Skipped);
