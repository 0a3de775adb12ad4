using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>What an entity embeds (<c>_embedded</c>): tags, linked contacts/companies/leads, the loss reason (<c>with=contacts,loss_reason</c>).</summary>
public sealed record AmoEmbedded
{
    [JsonProperty("tags")]
    public IReadOnlyList<AmoTag>? Tags { get; init; }

    [JsonProperty("contacts")]
    public IReadOnlyList<AmoEntityLink>? Contacts { get; init; }

    [JsonProperty("companies")]
    public IReadOnlyList<AmoEntityLink>? Companies { get; init; }

    [JsonProperty("leads")]
    public IReadOnlyList<AmoEntityLink>? Leads { get; init; }

    /// <summary>amoCRM sends the loss reason as a list of one.</summary>
    [JsonProperty("loss_reason")]
    public IReadOnlyList<AmoLossReason>? LossReason { get; init; }
}
