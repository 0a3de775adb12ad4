using System.Globalization;

namespace Crm.Connector.Functions.OneC;

/// <summary>Money as whole kopecks, so sums over receipts are exact.</summary>
public static class Kopecks
{
    public static long Of(decimal amount) => (long)Math.Round(amount * 100, 0, MidpointRounding.AwayFromZero);

    public static decimal Amount(long kopecks) => kopecks / 100m;

    /// <summary>Invariant text with two decimals, as facts and logs carry it.</summary>
    public static string Text(long kopecks) => Amount(kopecks).ToString("0.00", CultureInfo.InvariantCulture);
}
