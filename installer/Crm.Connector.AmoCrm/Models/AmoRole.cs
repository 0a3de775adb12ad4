using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A role: a named set of rights users are given (<c>/api/v4/roles</c>).</summary>
public sealed record AmoRole(
    [property: JsonProperty("id")] long Id,
    [property: JsonProperty("name")] string Name,
    [property: JsonProperty("rights")] AmoRights Rights);
