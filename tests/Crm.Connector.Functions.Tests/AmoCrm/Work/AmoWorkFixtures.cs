using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.Functions.AmoCrm.Work;
using Crm.Connector.Installer;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Model;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.AmoCrm.Work;

/// <summary>
/// The online-school template as installed on an account: the ledger an apply of it records (pipelines, stages as
/// <c>pipeline:status</c>, fields, list items, loss reasons — 142/143 and one list item left unrecorded, as after an
/// adopt), the account's lists, and v4 payloads as <c>GET /api/v4/leads?with=contacts,loss_reason</c> answers them.
/// </summary>
internal static class AmoWorkFixtures
{
    public const long CourseSale = 5001;
    public const long Reanimation = 5004;
    public const long CourseField = 701;
    public const long CourseStartField = 702;
    public const long WebinarStartField = 703;
    public const long GroupField = 704;

    public static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    public static CrmTemplate OnlineSchool { get; } = Load("online-school");

    public static ProvisioningLedger Ledger()
    {
        var ledger = new ProvisioningLedger { TemplateKey = "online-school" };
        void Set(ResourceKey key, string id) => ledger.Set(key, new LedgerEntry { PortalId = id, Origin = LedgerOrigin.Created });
        Set(ResourceKey.Pipeline("course-sale"), "5001");
        Set(ResourceKey.Pipeline("course-delivery"), "5002");
        Set(ResourceKey.Pipeline("reanimation"), "5004");
        Set(ResourceKey.Stage("course-sale", "NEW_REQUEST"), "5001:61");
        Set(ResourceKey.Stage("course-sale", "ACCEPTED"), "5001:62");
        Set(ResourceKey.Stage("course-sale", "QUALIFIED"), "5001:64");
        Set(ResourceKey.Stage("course-delivery", "START_SET"), "5002:71");
        Set(ResourceKey.Stage("reanimation", "COLD_CALL"), "5004:81");
        Set(ResourceKey.Stage("reanimation", "NO_ANSWER"), "5004:82");
        Set(ResourceKey.Field("deal", "COURSE"), "701");
        Set(ResourceKey.Field("deal", "COURSE_START"), "702");
        Set(ResourceKey.Field("deal", "WEBINAR_START"), "703");
        Set(ResourceKey.Field("deal", "STUDY_GROUP"), "704");
        Set(ResourceKey.Item("deal", "COURSE", "DESIGN"), "9002");
        Set(ResourceKey.Item("deal", "COURSE", "PHP"), "9003");
        Set(ResourceKey.LossReason("EXPENSIVE"), "301");
        Set(ResourceKey.LossReason("SPAM"), "305");
        return ledger;
    }

    /// <summary>The account's lists: JAVASCRIPT (9004) is only here, found by its name.</summary>
    public static AmoAccountLists Lists() => new(
    [
        (AmoEntityType.Leads, new AmoCustomField(701, "Название курса", "select", "COURSE", 10, null, false, false, true, "leads", [new AmoEnum(9002, "Дизайн", 20, null), new AmoEnum(9003, "PHP", 30, null), new AmoEnum(9004, "JavaScript", 40, null)], null)),
    ]);

    /// <summary>A lead of «Продажа курса» in QUALIFIED: course PHP, dates, a group, tags, two contacts and a company.</summary>
    public static JObject Lead() => JObject.Parse("""
        {
          "id": 31000001, "name": "Заявка с сайта: Иванова", "price": 45000, "responsible_user_id": 8001, "group_id": 0,
          "status_id": 64, "pipeline_id": 5001, "loss_reason_id": null, "created_by": 0, "updated_by": 8001,
          "created_at": 1730000000, "updated_at": 1730003600, "closed_at": null, "closest_task_at": null, "is_deleted": false,
          "custom_fields_values": [
            { "field_id": 701, "field_name": "Название курса", "field_code": "COURSE", "field_type": "select", "values": [ { "value": "PHP", "enum_id": 9003 } ] },
            { "field_id": 702, "field_name": "Дата начала обучения", "field_code": "COURSE_START", "field_type": "date", "values": [ { "value": 1730408400 } ] },
            { "field_id": 703, "field_name": "Дата и время начала вебинара", "field_code": "WEBINAR_START", "field_type": "date_time", "values": [ { "value": 1730448000 } ] },
            { "field_id": 704, "field_name": "Группа", "field_code": "STUDY_GROUP", "field_type": "text", "values": [ { "value": "ОП.01.11.22" } ] },
            { "field_id": 799, "field_name": "utm_source", "field_code": "UTM_SOURCE", "field_type": "tracking_data", "values": [ { "value": "yandex" } ] }
          ],
          "score": null, "account_id": 29000001, "labor_cost": null,
          "_links": { "self": { "href": "https://school.amocrm.ru/api/v4/leads/31000001" } },
          "_embedded": {
            "tags": [ { "id": 11, "name": "сайт", "color": null } ],
            "contacts": [ { "id": 41000002, "is_main": false }, { "id": 41000001, "is_main": true } ],
            "companies": [ { "id": 51000001 } ],
            "loss_reason": []
          }
        }
        """);

    /// <summary><see cref="Lead"/> closed as lost (143) with reason «Дорого» (301) at <c>closed_at</c>.</summary>
    public static JObject LostLead()
    {
        var lead = Lead();
        lead["status_id"] = 143;
        lead["loss_reason_id"] = 301;
        lead["closed_at"] = 1730007200;
        lead["_embedded"]!["loss_reason"] = JArray.Parse("""[ { "id": 301, "name": "Дорого" } ]""");
        return lead;
    }

    public static JObject Contact() => JObject.Parse("""
        {
          "id": 41000001, "name": "Анна Иванова", "first_name": "Анна", "last_name": "Иванова", "responsible_user_id": 8001,
          "created_at": 1729990000, "updated_at": 1730000000,
          "custom_fields_values": [
            { "field_id": 601, "field_name": "Телефон", "field_code": "PHONE", "field_type": "multitext", "values": [ { "value": "+79991234567", "enum_id": 1, "enum_code": "WORK" } ] },
            { "field_id": 602, "field_name": "Email", "field_code": "EMAIL", "field_type": "multitext", "values": [ { "value": "anna@example.com", "enum_id": 3, "enum_code": "WORK" } ] }
          ],
          "_embedded": { "tags": [] }
        }
        """);

    private static CrmTemplate Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "templates", "amocrm", name + ".json");
        var loaded = TemplateLoader.LoadText(File.ReadAllText(path), path);
        return loaded.IsValid ? loaded.Template! : throw new InvalidOperationException(string.Join('\n', loaded.Diagnostics));
    }
}
