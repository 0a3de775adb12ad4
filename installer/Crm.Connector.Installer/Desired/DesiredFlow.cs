using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Desired;

/// <summary>
/// The lead funnel (<see cref="FlowKey"/> <c>leads</c>, no <see cref="Key"/>: it always exists) or a deal pipeline,
/// with its stages in order.
/// </summary>
public sealed record DesiredFlow(ResourceKey? Key, string FlowKey, CrmEntity Entity, string? Name, bool Main, IReadOnlyList<DesiredStage> Stages)
{
    public bool IsLeadFunnel => Entity == CrmEntity.Lead;
}
