using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer;

/// <summary>
/// What a CRM can hold natively beyond pipelines, stages and fields. The CRM-neutral engine asks these questions instead
/// of asking which CRM it is: where a CRM cannot hold a part, the app enforces it (a rule run by the app) or the plan
/// lists it as left out, with why.
/// </summary>
public sealed record ProvisioningCapabilities
{
    /// <summary>Bitrix24 REST: stages carry codes; the app can put buttons into the interface (placements).</summary>
    public static readonly ProvisioningCapabilities Bitrix24 = new() { Placements = true };

    /// <summary>
    /// Access roles can be created with their rights (amoCRM <c>/api/v4/roles</c>): the rights a template role is stored
    /// with on the CRM, read back in the template's terms (object kind → rights) — the CRM may hold less than a template
    /// says (amoCRM has one switch for the catalog), and a role is as wanted when what the CRM holds equals this. Null:
    /// no roles API, roles are listed for an admin to set by hand.
    /// </summary>
    public Func<Role, IReadOnlyDictionary<string, RoleRights>>? StoredRoleRights { get; init; }

    public bool Roles => StoredRoleRights is not null;

    /// <summary>
    /// The type a template field type is stored as on the CRM, read back (amoCRM keeps integers and decimals in one
    /// <c>numeric</c> type); null when the CRM has no such field (amoCRM has no user field). Default: as the template says.
    /// </summary>
    public Func<FieldType, FieldType?> StoredFieldType { get; init; } = type => type;

    /// <summary>
    /// The CRM keeps the reasons a deal is lost as its own list (amoCRM loss reasons): a pipeline's reason field becomes
    /// that list instead of a custom list field.
    /// </summary>
    public bool LossReasons { get; init; }

    /// <summary>
    /// The app can put buttons into the CRM's interface (Bitrix24 <c>placement.bind</c>). Otherwise a template's
    /// placements are listed as left out (the template validator refuses them for amoCRM already).
    /// </summary>
    public bool Placements { get; init; }

    /// <summary>A field can be required from given stages on by the CRM itself (amoCRM <c>required_statuses</c>).</summary>
    public bool StageRequiredFields { get; init; }
}
