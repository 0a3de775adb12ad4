using Crm.Connector.Automation.Engine;
using Crm.Connector.Automation.Time;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Functions.Work;

/// <summary>The engine's delay arithmetic on the portal's calendar (its time zone, working days and holidays).</summary>
internal sealed class CalendarArithmetic(BusinessCalendar calendar) : IDelayArithmetic
{
    public DateTimeOffset Add(DateTimeOffset from, Delay delay) => calendar.Add(from, delay);

    public DateTimeOffset Subtract(DateTimeOffset from, Delay delay) => calendar.Subtract(from, delay);
}
