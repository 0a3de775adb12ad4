namespace Crm.Connector.Templates.Model;

/// <summary>An amount of time in one unit. In JSON an object with exactly one key: <c>{"hours": 2}</c>.</summary>
public sealed record Delay(int Amount, DelayUnit Unit)
{
    public static Delay Minutes(int amount) => new(amount, DelayUnit.Minutes);

    public static Delay Hours(int amount) => new(amount, DelayUnit.Hours);

    public static Delay Days(int amount) => new(amount, DelayUnit.Days);

    public static Delay BusinessDays(int amount) => new(amount, DelayUnit.BusinessDays);

    public static Delay Months(int amount) => new(amount, DelayUnit.Months);

    public override string ToString() => $"{Amount} {Unit}";
}
