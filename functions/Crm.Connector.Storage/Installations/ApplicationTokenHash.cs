using System.Security.Cryptography;
using System.Text;

namespace Crm.Connector.Storage.Installations;

/// <summary>The stored form of an application token, and the constant-time check of a presented one.</summary>
public static class ApplicationTokenHash
{
    /// <summary>SHA-256 of the token's UTF-8 bytes, lower-case hex.</summary>
    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>True when <paramref name="presented"/> hashes to <paramref name="storedHash"/>; the comparison takes the same time wherever they differ.</summary>
    public static bool Matches(string? storedHash, string? presented)
    {
        if (string.IsNullOrEmpty(storedHash) || string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(storedHash);
        var actual = Encoding.ASCII.GetBytes(Of(presented));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
