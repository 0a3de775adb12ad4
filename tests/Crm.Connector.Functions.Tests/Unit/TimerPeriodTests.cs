using Crm.Connector.Functions.LocalHost;
using Crm.Connector.Functions.Timers;

namespace Crm.Connector.Functions.Tests.Unit;

/// <summary>The period a moment falls in, by a timer's schedule: what instances firing the same tick agree on.</summary>
public sealed class TimerPeriodTests
{
    [Theory]
    [InlineData("0 * * * * *", "2026-01-15T09:00:30Z", "2026-01-15T09:00:00Z", "2026-01-15T09:01:00Z")]
    [InlineData("0 * * * * *", "2026-01-15T09:01:00Z", "2026-01-15T09:01:00Z", "2026-01-15T09:02:00Z")]
    [InlineData("0 */10 * * * *", "2026-01-15T09:19:59.999Z", "2026-01-15T09:10:00Z", "2026-01-15T09:20:00Z")]
    [InlineData("0 */10 * * * *", "2026-01-01T00:05:00Z", "2026-01-01T00:00:00Z", "2026-01-01T00:10:00Z")]
    [InlineData("0 0 12 * * 1-5", "2026-11-21T13:00:00Z", "2026-11-20T12:00:00Z", "2026-11-23T12:00:00Z")]
    public void Containing_AMoment_IsFromTheLatestOccurrenceAtOrBeforeItToTheNext(string schedule, string at, string start, string end)
    {
        var period = TimerPeriod.Containing(LocalTimers.Parse(schedule), DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((Parse(start), Parse(end)), (period.Start, period.End));
    }

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
