namespace Crm.Connector.Functions.OneC;

/// <summary>The 1C server's time zone by its id; an unknown id falls back to Moscow, where most bases run.</summary>
public static class OneCTime
{
    public static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
        }
    }
}
