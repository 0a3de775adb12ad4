namespace Crm.Connector.Automation.Engine;

/// <summary>
/// A delayed trigger: at <see cref="DueAt"/> the item is read again and <see cref="AutomationKey"/> runs if its condition
/// (and, for <c>inStage</c>, the stage) still holds. <see cref="Key"/> is unique per occurrence, so scheduling the same
/// occurrence twice keeps one job.
/// </summary>
/// <param name="Key">Job key: <c>{automation}:{entity}:{id}:{occurrence}</c>.</param>
/// <param name="AutomationKey">The template automation to check.</param>
/// <param name="Entity">The item's entity (<c>deal</c>, <c>lead</c>…).</param>
/// <param name="ItemId">The item.</param>
/// <param name="DueAt">When to check.</param>
/// <param name="Stage">For <c>inStage</c>: the stage the item must still be in; null otherwise.</param>
/// <param name="Repeat">How many times this occurrence already fired (0 for the first check).</param>
public sealed record ScheduledCheck(string Key, string AutomationKey, string Entity, long ItemId, DateTimeOffset DueAt, string? Stage, int Repeat);
