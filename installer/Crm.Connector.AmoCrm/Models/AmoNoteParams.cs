using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A note's <c>params</c>: which ones apply depends on the note type (amocrm-api.md §7.2).</summary>
public sealed record AmoNoteParams
{
    [JsonProperty("text")]
    public string? Text { get; init; }

    [JsonProperty("service")]
    public string? Service { get; init; }

    [JsonProperty("uniq")]
    public string? Uniq { get; init; }

    [JsonProperty("duration")]
    public int? Duration { get; init; }

    [JsonProperty("source")]
    public string? Source { get; init; }

    [JsonProperty("link")]
    public string? Link { get; init; }

    [JsonProperty("phone")]
    public string? Phone { get; init; }

    [JsonProperty("address")]
    public string? Address { get; init; }

    [JsonProperty("longitude")]
    public string? Longitude { get; init; }

    [JsonProperty("latitude")]
    public string? Latitude { get; init; }

    [JsonProperty("file_uuid")]
    public string? FileUuid { get; init; }

    [JsonProperty("file_name")]
    public string? FileName { get; init; }
}
