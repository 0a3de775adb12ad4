using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A contact to create (<c>POST /api/v4/contacts</c>).</summary>
public sealed record AmoContactAdd : AmoRecordAdd
{
    [JsonProperty("first_name")]
    public string? FirstName { get; init; }

    [JsonProperty("last_name")]
    public string? LastName { get; init; }
}
