using Crm.Connector.Templates.Model.Placements;

namespace Crm.Connector.Installer.Desired;

/// <summary>
/// A button to bind: <see cref="Code"/> is the CRM's placement code (Bitrix24 <c>CRM_DEAL_DETAIL_TOOLBAR</c> for a deal
/// card), <see cref="Handler"/> the app's page (<c>{handlerBase}/api/app/placements/{key}</c>), <see cref="Titles"/> and
/// <see cref="Descriptions"/> the texts per language (ru, en) and <see cref="Title"/> the one in the portal's language.
/// </summary>
public sealed record DesiredPlacement(
    ResourceKey Key,
    PlacementDefinition Definition,
    string Code,
    Uri Handler,
    string Title,
    IReadOnlyDictionary<string, string> Titles,
    IReadOnlyDictionary<string, string> Descriptions)
{
    /// <summary>The ledger's portal id of a bound placement: <c>{code}|{handler}</c> (what placement.unbind needs).</summary>
    public string PortalId => PortalIdOf(Code, Handler.AbsoluteUri);

    public static string PortalIdOf(string code, string handler) => $"{code}|{handler}";

    /// <summary>Splits <see cref="PortalId"/> back into code and handler.</summary>
    public static (string Code, string Handler) ParsePortalId(string portalId)
    {
        ArgumentNullException.ThrowIfNull(portalId);
        var bar = portalId.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (portalId, string.Empty) : (portalId[..bar], portalId[(bar + 1)..]);
    }
}
