using System.Security.Cryptography;

namespace Crm.Connector.Sandbox.AmoCrm.OAuth;

/// <summary>Random secrets and ids.</summary>
internal static class RandomText
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static string Letters(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    public static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
