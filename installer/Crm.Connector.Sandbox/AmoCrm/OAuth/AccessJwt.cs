using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.OAuth;

/// <summary>
/// Access tokens are JWTs, as amoCRM's (§1, §2.5: user id, integration id, account id, scopes, and since 2024
/// <c>api_domain</c>). Signed HS256 with a key only the sandbox knows: clients may read the claims, never trust them.
/// </summary>
internal static class AccessJwt
{
    public static string Create(byte[] key, JObject claims)
    {
        var header = Encode(new JObject { ["typ"] = "JWT", ["alg"] = "HS256" });
        var payload = Encode(claims);
        var signature = Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    private static string Encode(JObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToString(Formatting.None)));
}
