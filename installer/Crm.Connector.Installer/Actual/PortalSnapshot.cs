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
    public ActualFlow? Flow(string id) => Flows.FirstOrDefault(f => f.Id == id);
}
