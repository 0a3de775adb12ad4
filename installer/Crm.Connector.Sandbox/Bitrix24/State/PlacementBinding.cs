using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>
/// A widget handler the app registered with <c>placement.bind</c>: where (<see cref="Placement"/>), which page
/// (<see cref="Handler"/>), its title and description, the per-language <c>LANG_ALL</c> block as given and the
/// <c>OPTIONS</c> the placement keeps (an empty array for placements that keep none).
/// </summary>
internal sealed record PlacementBinding(int Id, string Placement, string Handler, string Title, string Description, string GroupName, JObject LangAll, JToken Options, int UserId)
{
    /// <summary>The title a user of <paramref name="language"/> sees: LANG_ALL[language].TITLE, else TITLE.</summary>
    public string TitleFor(string language) =>
        LangAll.GetValue(language, StringComparison.OrdinalIgnoreCase) is JObject localized && localized.Value<string>("TITLE") is { Length: > 0 } title
            ? title
            : Title;
}
