using System.Globalization;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Triggers;
using Crm.Connector.Templates.Serialization;

namespace Crm.Connector.Installer.Desired;

/// <summary>One line saying when an automation runs and what it does, for plans.</summary>
internal static class AutomationSummary
{
    public static string Describe(Automation automation)
    {
        var entity = EnumNames.Of(automation.Entity);
        var where = automation.Pipeline is null ? string.Empty : $" in {automation.Pipeline}";
        var when = automation.Trigger switch
        {
            CreatedTrigger { After: null } => $"when a {entity} is created",
            CreatedTrigger { After: { } after } => $"{Duration(after)} after a {entity} is created",
            StageEnteredTrigger t => $"when a {entity}{where} enters {string.Join(" or ", t.Stages)}",
            InStageTrigger t => $"when a {entity}{where} stays in {string.Join(" or ", t.Stages)} for {Duration(t.For)}{(t.RepeatEvery is { } every ? $", then every {Duration(every)}" : string.Empty)}",
            FieldChangedTrigger t => $"when {string.Join(" or ", t.Fields)} of a {entity} changes",
            FieldDateTrigger t => $"{Duration((t.Before ?? t.After)!)} {(t.Before is null ? "after" : "before")} {t.Field}",
            _ => "when triggered",
        };
        var what = string.Join(", ", automation.Actions.Select(a => a.TypeName));
        return $"{when}: {what}{(automation.Condition is null ? string.Empty : " (if its condition holds)")}";
    }

    public static string Duration(Delay delay)
    {
        var unit = delay.Unit switch
        {
            DelayUnit.Minutes => "minute",
            DelayUnit.Hours => "hour",
            DelayUnit.Days => "day",
            DelayUnit.BusinessDays => "business day",
            _ => "month",
        };
        return $"{delay.Amount.ToString(CultureInfo.InvariantCulture)} {unit}{(delay.Amount == 1 ? string.Empty : "s")}";
    }
}
