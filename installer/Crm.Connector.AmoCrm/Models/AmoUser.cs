using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A user of the account (<c>GET /api/v4/users</c>).</summary>
public sealed record AmoUser(
    [property: JsonProperty("id")] long Id,
    [property: JsonProperty("name")] string Name,
    [property: JsonProperty("email")] string? Email,
    [property: JsonProperty("rights")] AmoUserRights Rights)
{
    [JsonProperty("lang")]
    public string? Lang { get; init; }
}
