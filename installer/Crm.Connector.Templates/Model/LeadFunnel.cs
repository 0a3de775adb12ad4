namespace Crm.Connector.Templates.Model;

/// <summary>The lead statuses (Bitrix24 only: amoCRM has no separate lead entity).</summary>
public sealed record LeadFunnel : StageFlow
{
    /// <summary>The key by which automations and stage references name the lead funnel.</summary>
    public const string Key = "leads";

    public override string FlowKey => Key;

    public override CrmEntity Entity => CrmEntity.Lead;
}
