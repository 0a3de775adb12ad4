namespace Crm.Connector.Installer.Actual;

/// <summary>
/// What a portal holds that a template may touch, CRM-neutral. <see cref="Robots"/> and <see cref="Events"/> are null
/// when the connection cannot read them (a webhook has no app context).
/// </summary>
public sealed record PortalSnapshot(
    string? DetectedPlan,
    int? MaxPipelines,
    IReadOnlyList<ActualFlow> Flows,
    IReadOnlyList<ActualField> Fields,
    IReadOnlyList<ActualListItem> Sources,
    IReadOnlyList<string>? Robots,
    IReadOnlyList<ActualEvent>? Events)
{
    /// <summary>The portal's access roles, where the CRM lets an app manage them (null otherwise).</summary>
    public IReadOnlyList<ActualRole>? Roles { get; init; }

    /// <summary>The app's placements (placement.get); null when they cannot be read (a webhook has no app context).</summary>
    public IReadOnlyList<ActualPlacement>? Placements { get; init; }

    /// <summary>The CRM's own loss reasons, where it keeps them (null otherwise).</summary>
    public IReadOnlyList<ActualListItem>? LossReasons { get; init; }

    public ActualFlow? Flow(string id) => Flows.FirstOrDefault(f => f.Id == id);
}
