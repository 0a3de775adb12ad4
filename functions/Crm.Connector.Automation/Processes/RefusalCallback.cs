using System.Globalization;
using Crm.Connector.Automation.Time;
using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Automation.Processes;

/// <summary>
/// The refusal robot (seed 001): a deal that entered a failure stage must say why the client refused — with «Причина
/// отказа» empty the manager is asked and the deal goes back; with it filled, a call-back is planned for next month: the
/// 1st when lost on days 1–15, the 15th when lost later (the template sets the days and which half the 15th belongs to),
/// at the template's local time in the portal's time zone, its texts filled from the deal (the reason among them). The
/// half of the month is the one the deal was lost in — when it entered the failure stage (the CRM's stage-change time),
/// not when the app got to see it: a deal lost at 23:55 on the 15th and processed after midnight still counts as lost on
/// the 15th. A call-back day that is a day off or a holiday in the portal's calendar moves to the next working day (on
/// unless the template turns it off), so nobody is asked to call on 1 January. Run by the template's automation on the
/// failure stages (or by its robot); it never fires on its own.
/// </summary>
public sealed class RefusalCallback : IProcessRule
{
    public string Kind => RefusalCallbackProcess.Kind;

    /// <summary>
    /// When the call-back is due for an item lost at <paramref name="lostAt"/>: decided by the local date in the
    /// calendar's time zone; December rolls into January; a day beyond the month's end is its last day; with
    /// <see cref="RefusalCallbackProcess.MoveToWorkingDay"/>, a day that is not a working day in
    /// <paramref name="calendar"/> becomes the next one that is.
    /// </summary>
    /// <exception cref="FormatException">The template's callbackTime is not HH:mm.</exception>
    public static DateTimeOffset Due(DateTimeOffset lostAt, RefusalCallbackProcess settings, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(calendar);
        if (!TimeOnly.TryParseExact(settings.CallbackTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            throw new FormatException($"Process {settings.Key}: callbackTime '{settings.CallbackTime}' is not a time of day; write it as HH:mm, e.g. 10:00.");
        }

        var zone = calendar.Zone;
        var lost = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(lostAt, zone).DateTime);
        var next = new DateOnly(lost.Year, lost.Month, 1).AddMonths(1);
        var day = lost.Day <= settings.FirstHalfEndsOnDay ? settings.FirstHalfCallbackDay : settings.SecondHalfCallbackDay;
        var due = next.AddDays(Math.Clamp(day, 1, DateTime.DaysInMonth(next.Year, next.Month)) - 1);
        if (settings.MoveToWorkingDay)
        {
            due = calendar.NextBusinessDay(due);
        }

        var local = due.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public bool IsTriggeredBy(ProcessDefinition definition, ItemChange change) => false;

    /// <summary>
    /// When the item was lost: the CRM's time of its move into the current stage; the moment of the decision only when
    /// the CRM did not say (an item read without it).
    /// </summary>
    public static DateTimeOffset LostAt(ItemState item, ProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(context);
        return FieldValues.Text(item[BuiltInFields.StageChangedAt]) is { Length: > 0 } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var movedAt)
            ? movedAt
            : context.Now;
    }

    public ProcessDecision Decide(ProcessDefinition definition, ItemState item, ProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(context);
        if (definition is not RefusalCallbackProcess process)
        {
            return ProcessDecision.None;
        }

        var reason = item[process.ReasonField];
        if (FieldValues.IsBlank(reason))
        {
            return new ProcessDecision
            {
                Notices = [new PlannedNotice(process.To, process.AskMessage is { } ask
                    ? Placeholders.Render(ask.Get(), item, context.Describe)
                    : $"«{FieldValues.Text(item[BuiltInFields.Title])}»: укажите причину отказа — сделка возвращена на прежнюю стадию.")],
                ReturnToPreviousStage = true,
                Reason = "refusal call-back: no refusal reason, the deal goes back",
            };
        }

        var due = Due(LostAt(item, context), process, context.Calendar);
        var why = context.Describe(process.ReasonField, reason);
        var description = process.CallbackDescription is { } text ? Placeholders.Render(text.Get(), item, context.Describe) : $"Причина отказа: {why}";
        return new ProcessDecision
        {
            Callbacks = [new PlannedCallback(Placeholders.Render(process.CallbackTitle.Get(), item, context.Describe), description, due, process.To)],
            Reason = $"refusal call-back: planned for {due:yyyy-MM-dd HH:mm} (reason: {why})",
        };
    }
}
