using Crm.Connector.Templates.Model;

namespace Crm.Connector.Automation.Engine;

/// <summary>
/// Moves a moment by a template <see cref="Delay"/> — hours, days, business days or months — the way the portal's
/// calendar counts them (its time zone, working days and holidays).
/// </summary>
public interface IDelayArithmetic
{
    DateTimeOffset Add(DateTimeOffset from, Delay delay);

    DateTimeOffset Subtract(DateTimeOffset from, Delay delay);
}
