using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary>
/// Activities as <c>crm.activity.list</c> answers them (b24restdocs
/// <c>crm/timeline/activities/activity-base/crm-activity-list.md</c>, fields in <c>crm-activity-fields.md</c>): UPPER_CASE
/// names, numbers as strings. E-mails are TYPE_ID 4, PROVIDER_ID <c>CRM_EMAIL</c>; to-dos TYPE_ID 6 (the "managed by a
/// provider" type of <c>crm/data-types.md</c>), PROVIDER_ID <c>CRM_TODO</c> (<c>activities/todo/index.md</c>), SUBJECT =
/// their title. UNCONFIRMED, the docs being silent: PROVIDER_TYPE_ID <c>EMAIL</c> / <c>TODO</c>; an e-mail's START_TIME,
/// END_TIME and DEADLINE are when it was recorded, a to-do's are its deadline; STATUS 1 (waiting) or 2 (done) follows
/// COMPLETED; DESCRIPTION_TYPE 1 (plain text).
/// </summary>
internal static class ActivityView
{
    /// <summary>Every field a row has, in answer order (COMMUNICATIONS last).</summary>
    public static readonly IReadOnlyList<string> FieldNames = [.. Row(0, 0, 0, 0, "", "", "", "", "", "", false, 0, 0, 0, null, null, []).Properties().Select(p => p.Name)];

    public static JObject Row(EmailActivity email) => Row(
        email.Id, email.OwnerTypeId, email.OwnerId, 4, "CRM_EMAIL", "EMAIL", email.Subject, email.Description, email.Created, email.Created,
        email.Completed, email.ResponsibleId, email.Direction, email.AuthorId, email.OriginatorId, email.OriginId, email.Communications);

    public static JObject Row(TodoActivity todo) => Row(
        todo.Id, todo.OwnerTypeId, todo.OwnerId, 6, "CRM_TODO", "TODO", todo.Title, todo.Description, todo.Created, todo.Deadline,
        false, todo.ResponsibleId, 0, todo.AuthorId, null, null, []);

    /// <summary>Whether a field comes without being named in <c>select</c> (all but COMMUNICATIONS).</summary>
    public static bool IsStandard(string name) => name != "COMMUNICATIONS";

    private static JObject Row(int id, int ownerTypeId, int ownerId, int typeId, string providerId, string providerTypeId, string subject, string description, string created, string when, bool completed, int responsibleId, int direction, int authorId, string? originatorId, string? originId, JArray communications) => new()
    {
        ["ID"] = Params.Text(id),
        ["OWNER_ID"] = Params.Text(ownerId),
        ["OWNER_TYPE_ID"] = Params.Text(ownerTypeId),
        ["TYPE_ID"] = Params.Text(typeId),
        ["PROVIDER_ID"] = providerId,
        ["PROVIDER_TYPE_ID"] = providerTypeId,
        ["PROVIDER_GROUP_ID"] = JValue.CreateNull(),
        ["ASSOCIATED_ENTITY_ID"] = "0",
        ["SUBJECT"] = subject,
        ["CREATED"] = created,
        ["LAST_UPDATED"] = created,
        ["START_TIME"] = when,
        ["END_TIME"] = when,
        ["DEADLINE"] = when,
        ["COMPLETED"] = completed ? "Y" : "N",
        ["STATUS"] = completed ? "2" : "1",
        ["RESPONSIBLE_ID"] = Params.Text(responsibleId),
        ["PRIORITY"] = "2",
        ["NOTIFY_TYPE"] = "0",
        ["NOTIFY_VALUE"] = "0",
        ["DESCRIPTION"] = description,
        ["DESCRIPTION_TYPE"] = "1",
        ["DIRECTION"] = Params.Text(direction),
        ["LOCATION"] = "",
        ["SETTINGS"] = new JArray(),
        ["ORIGINATOR_ID"] = originatorId,
        ["ORIGIN_ID"] = originId,
        ["AUTHOR_ID"] = Params.Text(authorId),
        ["EDITOR_ID"] = Params.Text(authorId),
        ["COMMUNICATIONS"] = communications.DeepClone(),
    };
}
