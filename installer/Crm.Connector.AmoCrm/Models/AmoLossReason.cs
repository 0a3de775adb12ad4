using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A reason a lead was lost (<c>/api/v4/leads/loss_reasons</c>).</summary>
public sealed record AmoLossReason(
    [property: JsonProperty("id")] long Id,
    [property: JsonProperty("name")] string Name,
    [property: JsonProperty("sort")] int Sort);
