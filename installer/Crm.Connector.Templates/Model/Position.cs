using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model;

/// <summary>
/// A person automations address by duty ("старший менеджер-оценщик", "мастер"), mapped to a portal user in the
/// installation settings. Recipients name it as <c>position:&lt;key&gt;</c>.
/// </summary>
public sealed record Position
{
    [JsonRequired]
    public string Key { get; init; } = string.Empty;

    [JsonRequired]
    public LocalizedText Name { get; init; } = LocalizedText.Plain(string.Empty);

    public LocalizedText? Description { get; init; }
}
