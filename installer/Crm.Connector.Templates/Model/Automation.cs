using Crm.Connector.Templates.Model.Actions;
using Crm.Connector.Templates.Model.Conditions;
using Crm.Connector.Templates.Model.Triggers;
using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model;

/// <summary>
/// "When <see cref="Trigger"/> happens to an item of <see cref="Entity"/> (in <see cref="Pipeline"/>), and
/// <see cref="Condition"/> holds, do <see cref="Actions"/>." Bitrix24 REST cannot put a robot on a stage, so the app
/// runs these from CRM events and timers.
/// </summary>
public sealed record Automation
{
    [JsonRequired]
    public string Key { get; init; } = string.Empty;

    [JsonRequired]
    public LocalizedText Name { get; init; } = LocalizedText.Plain(string.Empty);

    public LocalizedText? Description { get; init; }

    [JsonRequired]
    public CrmEntity Entity { get; init; } = CrmEntity.Deal;

    /// <summary>For deals: the pipeline it applies to; omitted = every pipeline that has the stages it names.</summary>
    public string? Pipeline { get; init; }

    [JsonRequired]
    public AutomationTrigger Trigger { get; init; } = new CreatedTrigger();

    /// <summary>Checked when the trigger fires, and again when a delayed trigger comes due.</summary>
    public Condition? Condition { get; init; }

    [JsonRequired]
    public IReadOnlyList<AutomationAction> Actions { get; init; } = [];

    public string? RequiresPlan { get; init; }
}
