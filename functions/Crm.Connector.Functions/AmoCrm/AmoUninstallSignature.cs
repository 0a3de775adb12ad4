using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>
/// The "access revoked" hook's proof (amocrm-api.md §2.7): <c>signature</c> = lower-case hex
/// HMAC-SHA256(key = secret key, message = <c>{client_id}|{account_id}</c>), and <c>client_uuid</c> must be our
/// integration id. Compared in constant time, case-insensitively (hex).
/// </summary>
public static class AmoUninstallSignature
{
    public static string Of(string clientId, long accountId, string clientSecret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(clientSecret),
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{clientId}|{accountId}"))));

    /// <summary>True when <paramref name="clientUuid"/> is <paramref name="clientId"/> and <paramref name="signature"/> signs <paramref name="accountId"/>.</summary>
    public static bool IsValid(string? clientUuid, long accountId, string? signature, string clientId, string clientSecret)
    {
        var expected = Encoding.ASCII.GetBytes(Of(clientId, accountId, clientSecret));
        var presented = Encoding.ASCII.GetBytes((signature ?? string.Empty).ToLowerInvariant());
        var signed = CryptographicOperations.FixedTimeEquals(expected, presented);
        var ours = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(clientId), Encoding.UTF8.GetBytes(clientUuid ?? string.Empty));
        return signed & ours;
    }
}
