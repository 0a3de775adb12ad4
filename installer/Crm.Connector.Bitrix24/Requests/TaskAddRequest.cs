using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Requests;

/// <summary>Fields of <c>tasks.task.add</c> (bitrix24-rest.md §9).</summary>
public sealed record TaskAddRequest
{
    [JsonProperty("TITLE")]
    public required string Title { get; init; }

    [JsonProperty("RESPONSIBLE_ID")]
    public required int ResponsibleId { get; init; }

    [JsonProperty("DEADLINE")]
    public DateTimeOffset? Deadline { get; init; }

    [JsonProperty("DESCRIPTION")]
    public string? Description { get; init; }

    [JsonProperty("CREATED_BY")]
    public int? CreatedBy { get; init; }

    /// <summary>CRM bindings: <c>D_123</c> (deal), <c>L_4</c> (lead), <c>C_7</c> (contact), <c>CO_5</c> (company).</summary>
    [JsonProperty("UF_CRM_TASK")]
    public IReadOnlyList<string>? CrmBindings { get; init; }

    [JsonProperty("AUDITORS")]
    public IReadOnlyList<int>? Auditors { get; init; }
}
