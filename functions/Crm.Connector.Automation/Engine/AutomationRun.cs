using TemplateAutomation = Crm.Connector.Templates.Model.Automation;

namespace Crm.Connector.Automation.Engine;

/// <summary>
/// An automation whose trigger fired and whose condition holds: its actions are to be carried out now.
/// <see cref="OccurrenceKey"/> names this firing — the same change seen twice yields the same key, so each action runs
/// once per (item, trigger occurrence) when the caller records it (<c>{OccurrenceKey}:{action index}</c>).
/// </summary>
public sealed record AutomationRun(TemplateAutomation Automation, ItemState Item, string OccurrenceKey, string Cause);
