using NCrontab;

namespace Crm.Connector.Functions.Timers;

/// <summary>
/// One period of a timer's schedule: from an occurrence (<see cref="Start"/>) to the next one (<see cref="End"/>). Every
/// instance that fires for the same occurrence computes the same period from its schedule, which makes the period the
/// name of "this tick's work" that the instances compete for.
/// </summary>
public readonly record struct TimerPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The farthest back an occurrence is looked for: schedules that fire less often than yearly are not ours.</summary>
    private static readonly TimeSpan MaxLookBack = TimeSpan.FromDays(400);

    /// <summary>The period of <paramref name="schedule"/> that <paramref name="at"/> falls in: the latest occurrence at or before it, and the next.</summary>
    public static TimerPeriod Containing(CrontabSchedule schedule, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var instant = at.UtcDateTime;

        // NCrontab only looks forward: look back from "at" over a window that doubles until it holds an occurrence.
        for (var back = TimeSpan.FromMinutes(1); back <= MaxLookBack; back *= 2)
        {
            // Occurrences after (at - back) and before (at + 1 tick), i.e. up to and including "at".
            var start = schedule.GetNextOccurrences(instant - back, instant.AddTicks(1)).Cast<DateTime?>().LastOrDefault();
            if (start is { } found)
            {
                return new TimerPeriod(Utc(found), Utc(schedule.GetNextOccurrence(found)));
            }
        }

        throw new InvalidOperationException($"The schedule has no occurrence in the {MaxLookBack.TotalDays:0} days before {at:O}.");
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
