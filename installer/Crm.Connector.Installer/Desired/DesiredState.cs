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
    IReadOnlyList<SkippedPart> Skipped)
{
    /// <summary>Roles to create, where the CRM can hold them (<see cref="ProvisioningCapabilities.Roles"/>).</summary>
    public IReadOnlyList<DesiredRole> Roles { get; init; } = [];

    /// <summary>
    /// The CRM's own loss reasons (<see cref="ProvisioningCapabilities.LossReasons"/>): the items of the pipelines' reason
    /// field, which is then not created as a custom field.
    /// </summary>
    public IReadOnlyList<DesiredListItem> LossReasons { get; init; } = [];

    /// <summary>Buttons the app puts into the CRM's interface (where the CRM and the connection allow).</summary>
    public IReadOnlyList<DesiredPlacement> Placements { get; init; } = [];

    /// <summary>What the CRM holds natively (the planner compares roles through it).</summary>
    public ProvisioningCapabilities Capabilities { get; init; } = ProvisioningCapabilities.Bitrix24;

    /// <summary>The deal field realised as the CRM's loss reasons, if any.</summary>
    public string? LossReasonField { get; init; }
}
