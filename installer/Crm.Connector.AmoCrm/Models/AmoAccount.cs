using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>The account (<c>GET /api/v4/account</c>).</summary>
public sealed record AmoAccount(
    [property: JsonProperty("id")] long Id,
    [property: JsonProperty("name")] string Name,
    [property: JsonProperty("subdomain")] string Subdomain,
    [property: JsonProperty("country")] string? Country,
    [property: JsonProperty("currency")] string? Currency,
    [property: JsonProperty("current_user_id")] long CurrentUserId,
    [property: JsonProperty("is_loss_reason_enabled")] bool IsLossReasonEnabled)
{
    [JsonProperty("currency_symbol")]
    public string? CurrencySymbol { get; init; }

    [JsonProperty("is_unsorted_on")]
    public bool IsUnsortedOn { get; init; }

    [JsonProperty("customers_mode")]
    public string? CustomersMode { get; init; }

    [JsonProperty("is_technical_account")]
    public bool IsTechnicalAccount { get; init; }

    [JsonProperty("amojo_id")]
    public string? AmojoId { get; init; }
}
