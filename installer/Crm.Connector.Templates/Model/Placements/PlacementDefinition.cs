using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Placements;

/// <summary>
/// A button the app puts into the CRM's interface (Bitrix24 <c>placement.bind</c>): pressing it opens the app's page,
/// where a manager starts <see cref="Process"/> for the record at hand — seed 004's «Выставить счет» on the deal card,
/// full amount or half as prepayment. The CRM shows the button on every card of its kind; the app acts only for deals
/// of <see cref="Pipelines"/> and says so on its page otherwise.
/// </summary>
public sealed record PlacementDefinition
{
    /// <summary>Unique among the placements; the handler URL ends in it (<c>/api/app/placements/{key}</c>).</summary>
    [JsonRequired]
    public string Key { get; init; } = string.Empty;

    [JsonRequired]
    public PlacementLocation Where { get; init; }

    /// <summary>The button's text, in Russian and English.</summary>
    [JsonRequired]
    public LocalizedText Title { get; init; } = LocalizedText.Plain(string.Empty);

    public LocalizedText? Description { get; init; }

    /// <summary>The process the page runs (it must work on the card's entity).</summary>
    [JsonRequired]
    public string Process { get; init; } = string.Empty;

    /// <summary>Deal pipelines the app acts in; empty = every pipeline of the template.</summary>
    public IReadOnlyList<string> Pipelines { get; init; } = [];

    public string? RequiresPlan { get; init; }
}
