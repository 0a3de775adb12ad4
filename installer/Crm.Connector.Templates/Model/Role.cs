using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model;

/// <summary>An access role (amoCRM roles; Bitrix24 CRM permission roles).</summary>
public sealed record Role
{
    [JsonRequired]
    public string Key { get; init; } = string.Empty;

    [JsonRequired]
    public LocalizedText Name { get; init; } = LocalizedText.Plain(string.Empty);

    public LocalizedText? Description { get; init; }

    /// <summary>Unrestricted administrator: <see cref="Rights"/> are ignored.</summary>
    public bool Admin { get; init; }

    /// <summary>May change the CRM's settings (statuses, sources, fields).</summary>
    public bool CanEditSettings { get; init; }

    /// <summary>
    /// Rights per object kind: <c>lead</c>, <c>deal</c>, <c>contact</c>, <c>company</c>, <c>task</c>, <c>product</c>,
    /// <c>timeline</c> (notes and comments).
    /// </summary>
    public IReadOnlyDictionary<string, RoleRights> Rights { get; init; } = new Dictionary<string, RoleRights>();
}
