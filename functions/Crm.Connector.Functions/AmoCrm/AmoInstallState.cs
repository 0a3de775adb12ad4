using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>
/// The OAuth <c>state</c> of an install begun at <c>/api/amocrm/connect</c> (amocrm-api.md §2.2, §2.3):
/// <c>{unix seconds}.{nonce}.{hex HMAC-SHA256(secret key, "amocrm-state|{seconds}|{nonce}")}</c>. Stateless, so any
/// instance can check what another issued, and verifiable only by whoever holds the integration's secret key.
/// <para>
/// Assumed: the app has no signed-in users, so there is no browser session to bind the state to (the classic login-CSRF
/// defence); what the state proves is that the consent started at our connect endpoint recently — a redirect crafted
/// from an old or foreign flow is refused before the code is exchanged. What makes an install trustworthy is the code
/// exchange itself: only a code amoCRM issued to our integration on that account host buys tokens, and the account id
/// is then read from amoCRM, never taken from the request. A state is not single-use (the code already is).
/// </para>
/// </summary>
public static class AmoInstallState
{
    /// <summary>Tolerated clock difference between instances for a state "from the future".</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);

    /// <summary>A new state issued at <paramref name="now"/>.</summary>
    public static string Issue(string clientSecret, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        var seconds = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Base64Url(RandomNumberGenerator.GetBytes(12));
        return $"{seconds}.{nonce}.{Mac(clientSecret, seconds, nonce)}";
    }

    /// <summary>Checks <paramref name="state"/> at <paramref name="now"/>; the signature is compared in constant time.</summary>
    public static AmoStateCheck Check(string? state, string clientSecret, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        if (string.IsNullOrEmpty(state))
        {
            return AmoStateCheck.Missing;
        }

        var parts = state.Split('.');
        if (parts.Length != 3 || parts[0].Length > 12 || parts[1].Length > 64 || parts[2].Length != 64
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return AmoStateCheck.Forged;
        }

        var expected = Encoding.ASCII.GetBytes(Mac(clientSecret, parts[0], parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2].ToLowerInvariant())))
        {
            return AmoStateCheck.Forged;
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        return issued > now + Skew || now - issued > lifetime ? AmoStateCheck.Expired : AmoStateCheck.Valid;
    }

    private static string Mac(string secret, string seconds, string nonce) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"amocrm-state|{seconds}|{nonce}")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
