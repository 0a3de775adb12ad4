using System.Security.Cryptography;

namespace Crm.Connector.Sandbox.Bitrix24.OAuth;

/// <summary>Random secrets: tokens, webhook codes, ids.</summary>
internal static class RandomTokens
{
    /// <summary>Lower-case hex of <paramref name="length"/> characters (tokens are 64).</summary>
    public static string Hex(int length = 64) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((length + 1) / 2))[..length];

    /// <summary>Decimal digits.</summary>
    public static string Digits(int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));
}
