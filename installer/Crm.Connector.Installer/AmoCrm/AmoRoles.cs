using Crm.Connector.AmoCrm.Models;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.AmoCrm;

/// <summary>
/// Template roles ↔ amoCRM role rights (amocrm-api.md §10: per object view / add / edit / delete / export as
/// A all, G group, M mine, D denied). What amoCRM holds is less than a template can say, and both directions agree on
/// it, so a role read back compares equal to the role it was created from:
/// <list type="bullet">
/// <item>adding is allowed or not (A / D): any level but none is A;</item>
/// <item>tasks have only edit and delete rights: viewing and adding tasks is everyone's;</item>
/// <item>products are one switch, <c>catalog_access</c>: on when the role may view products;</item>
/// <item>an administrator role gets every right (amoCRM makes a user an administrator by a user flag, not a role).</item>
/// </list>
/// </summary>
public static class AmoRoles
{
    private static readonly string[] Entities = ["deal", "contact", "company"];

    /// <summary>The rights a template role is created with.</summary>
    public static AmoRights ToAmo(Role role)
    {
        ArgumentNullException.ThrowIfNull(role);
        RoleRights Of(string kind) => role.Admin ? Everything : role.Rights.GetValueOrDefault(kind) ?? new RoleRights();
        AmoEntityRights Entity(string kind)
        {
            var rights = Of(kind);
            return new AmoEntityRights
            {
                View = Letter(rights.View),
                Add = rights.Add == AccessLevel.None ? "D" : "A",
                Edit = Letter(rights.Edit),
                Delete = Letter(rights.Delete),
                Export = Letter(rights.Export),
            };
        }

        var task = Of("task");
        return new AmoRights
        {
            Leads = Entity("deal"),
            Contacts = Entity("contact"),
            Companies = Entity("company"),
            Tasks = new AmoTaskRights { Edit = Letter(task.Edit), Delete = Letter(task.Delete) },
            MailAccess = role.Admin || role.CanEditSettings,
            CatalogAccess = Of("product").View != AccessLevel.None,
        };
    }

    /// <summary>The rights an amoCRM role holds, in the template's terms.</summary>
    public static IReadOnlyDictionary<string, RoleRights> FromAmo(AmoRights? rights)
    {
        static RoleRights Entity(AmoEntityRights? held) => new()
        {
            View = Level(held?.View),
            Add = Level(held?.Add) == AccessLevel.None ? AccessLevel.None : AccessLevel.All,
            Edit = Level(held?.Edit),
            Delete = Level(held?.Delete),
            Export = Level(held?.Export),
        };

        return new Dictionary<string, RoleRights>(StringComparer.Ordinal)
        {
            [Entities[0]] = Entity(rights?.Leads),
            [Entities[1]] = Entity(rights?.Contacts),
            [Entities[2]] = Entity(rights?.Companies),
            ["task"] = new RoleRights { View = AccessLevel.All, Add = AccessLevel.All, Edit = Level(rights?.Tasks?.Edit), Delete = Level(rights?.Tasks?.Delete) },
            ["product"] = new RoleRights { View = rights?.CatalogAccess == true ? AccessLevel.All : AccessLevel.None },
        };
    }

    /// <summary>What amoCRM holds for <paramref name="role"/> once created: the comparison base of a plan.</summary>
    public static IReadOnlyDictionary<string, RoleRights> Stored(Role role) => FromAmo(ToAmo(role));

    private static readonly RoleRights Everything = new()
    {
        View = AccessLevel.All,
        Add = AccessLevel.All,
        Edit = AccessLevel.All,
        Delete = AccessLevel.All,
        Export = AccessLevel.All,
    };

    private static string Letter(AccessLevel level) => level switch
    {
        AccessLevel.All => "A",
        AccessLevel.Group => "G",
        AccessLevel.Own => "M",
        _ => "D",
    };

    private static AccessLevel Level(string? letter) => letter switch
    {
        "A" => AccessLevel.All,
        "G" => AccessLevel.Group,
        "M" => AccessLevel.Own,
        _ => AccessLevel.None,
    };
}
