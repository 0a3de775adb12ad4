using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>
/// What a fresh account holds: an administrator, three active managers and one deactivated user in «Отдел продаж»,
/// the main pipeline «Воронка» with its default stages, and the predefined contact and company fields.
/// </summary>
internal static class AccountSeed
{
    /// <summary>The default sales group: amoCRM gives it id 0.</summary>
    public const long SalesGroupId = 0;

    public static void Apply(AccountState state, string subdomain)
    {
        var leadership = new UserGroup(state.NextId("group"), "Руководство");
        state.Groups.Add(new UserGroup(SalesGroupId, "Отдел продаж"));
        state.Groups.Add(leadership);
        var admin = AddUser(state, "Администратор", $"admin@{subdomain}.example", leadership.Id, isAdmin: true, isActive: true);
        state.AdminId = admin.Id;
        AddUser(state, "Анна Смирнова", $"anna@{subdomain}.example", SalesGroupId, isAdmin: false, isActive: true);
        AddUser(state, "Борис Петров", $"boris@{subdomain}.example", SalesGroupId, isAdmin: false, isActive: true);
        AddUser(state, "Вера Кузнецова", $"vera@{subdomain}.example", SalesGroupId, isAdmin: false, isActive: true);
        AddUser(state, "Григорий Уволенный", $"grigory@{subdomain}.example", SalesGroupId, isAdmin: false, isActive: false);

        var pipeline = PipelineFactory.Create(state, "Воронка", sort: 1, isMain: true, isUnsortedOn: true);
        var sort = 20;
        foreach (var (name, color) in new[] { ("Первичный контакт", "#99ccff"), ("Переговоры", "#ffcc66"), ("Принимают решение", "#ffff99"), ("Согласование договора", "#ff9999") })
        {
            // The stock stages of a new account use colours outside the 21 an API client may choose (§3).
            pipeline.Statuses.Add(new Status { Id = state.NextId("status"), PipelineId = pipeline.Id, Name = name, Sort = sort, Color = color });
            sort += 10;
        }

        AddMultitext(state, EntityKind.Contact, "Телефон", "PHONE", 4, ["WORK", "WORKDD", "MOB", "FAX", "HOME", "OTHER"]);
        AddMultitext(state, EntityKind.Contact, "Email", "EMAIL", 6, ["WORK", "PRIV", "OTHER"]);
        AddPredefined(state, EntityKind.Contact, "Должность", "POSITION", "text", 2);
        AddMultitext(state, EntityKind.Company, "Телефон", "PHONE", 4, ["WORK", "WORKDD", "MOB", "FAX", "HOME", "OTHER"]);
        AddMultitext(state, EntityKind.Company, "Email", "EMAIL", 6, ["WORK", "PRIV", "OTHER"]);
        AddPredefined(state, EntityKind.Company, "Web", "WEB", "url", 8);
        AddPredefined(state, EntityKind.Company, "Адрес", "ADDRESS", "textarea", 10);
    }

    /// <summary>Rights of a user without a role: everything for the administrator, own records for managers.</summary>
    public static JObject DefaultRights(bool isAdmin)
    {
        var scope = isAdmin ? "A" : "M";
        JObject Entity() => new() { ["view"] = scope, ["edit"] = scope, ["add"] = "A", ["delete"] = scope, ["export"] = scope };
        return new JObject
        {
            ["leads"] = Entity(),
            ["contacts"] = Entity(),
            ["companies"] = Entity(),
            ["tasks"] = new JObject { ["edit"] = scope, ["delete"] = scope },
        };
    }

    private static User AddUser(AccountState state, string name, string email, long groupId, bool isAdmin, bool isActive)
    {
        var user = new User { Id = state.NextId("user"), Name = name, Email = email, GroupId = groupId, IsAdmin = isAdmin, IsActive = isActive, Rights = DefaultRights(isAdmin) };
        state.Users[user.Id] = user;
        return user;
    }

    private static void AddMultitext(AccountState state, EntityKind entity, string name, string code, int sort, string[] enumCodes)
    {
        var field = AddPredefined(state, entity, name, code, "multitext", sort);
        var enumSort = 2;
        foreach (var enumCode in enumCodes)
        {
            field.Enums.Add(new FieldEnum { Id = state.NextId("enum"), Value = enumCode, Code = enumCode, Sort = enumSort });
            enumSort += 2;
        }
    }

    private static CustomField AddPredefined(AccountState state, EntityKind entity, string name, string code, string type, int sort)
    {
        var field = new CustomField
        {
            Id = state.NextId("field"),
            Entity = entity,
            Name = name,
            Type = type,
            Code = code,
            Sort = sort,
            IsPredefined = true,
            IsDeletable = false,
        };
        state.Fields[field.Id] = field;
        return field;
    }
}
