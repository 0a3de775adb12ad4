namespace Crm.Connector.Templates.Model;

/// <summary>An ordered list of stages: the lead funnel or a deal pipeline.</summary>
public interface IStageFlow
{
    /// <summary>The template key of the flow (<see cref="LeadFunnel.FlowKey"/> for the lead funnel).</summary>
    string FlowKey { get; }

    CrmEntity Entity { get; }

    IReadOnlyList<Stage> Stages { get; }

    /// <summary>Code of the list field that records the reason chosen on a stage with <see cref="Stage.Reasons"/>.</summary>
    string? ReasonField { get; }

    string? RequiresPlan { get; }
}
