namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>
/// The CRM entity types the sandbox keeps (bitrix24-rest.md §8: lead 1, deal 2, contact 3, company 4) with their
/// names in the various APIs: legacy methods (<c>crm.deal.*</c>), user fields (<c>CRM_DEAL</c>), events
/// (<c>ONCRMDEAL*</c>), robots' documents (<c>CCrmDocumentDeal</c>, <c>DEAL_12</c>), timeline (<c>deal</c>).
/// Leads and deals carry when and by whom they entered their current stage, <c>MOVED_TIME</c> / <c>MOVED_BY_ID</c>
/// (read-only; b24restdocs <c>api-reference/crm/main-entities-fields.md</c>, <c>crm/deals/crm-deal-fields.md</c>:
/// "Date of moving the item to the current stage"; not in bitrix24-rest.md).
/// All four carry the external-source marker <c>ORIGINATOR_ID</c> (which system) and <c>ORIGIN_ID</c> (the item's id in
/// it) — writable strings, listed for each entity in b24restdocs <c>api-reference/crm/main-entities-fields.md</c> and
/// <c>crm/*/crm-*-fields.md</c>, camelCase <c>originatorId</c>/<c>originId</c> in <c>crm/universal/object-fields.md</c>;
/// contacts and companies also <c>ORIGIN_VERSION</c>. An app stamps its own ids there to find what it created.
/// </summary>
internal sealed record EntityKind(int TypeId, string Code, string UfEntityId, string EventPrefix, string DocumentClass, string DocumentType, string BindingPrefix, IReadOnlyList<FieldDefinition> Fields)
{
    public static readonly EntityKind Lead = new(1, "lead", "CRM_LEAD", "ONCRMLEAD", "CCrmDocumentLead", "LEAD", "L",
    [
        new("ID", "id", FieldKind.Integer, "ID", ReadOnly: true),
        new("TITLE", "title", FieldKind.String, "Название лида"),
        new("NAME", "name", FieldKind.String, "Имя"),
        new("SECOND_NAME", "secondName", FieldKind.String, "Отчество"),
        new("LAST_NAME", "lastName", FieldKind.String, "Фамилия"),
        new("STATUS_ID", "stageId", FieldKind.CrmStatus, "Статус"),
        new("STATUS_SEMANTIC_ID", "stageSemanticId", FieldKind.String, "Семантика статуса", ReadOnly: true),
        new("STATUS_DESCRIPTION", "statusDescription", FieldKind.Text, "Дополнительно о статусе"),
        new("SOURCE_ID", "sourceId", FieldKind.CrmStatus, "Источник"),
        new("SOURCE_DESCRIPTION", "sourceDescription", FieldKind.Text, "Дополнительно об источнике"),
        new("CURRENCY_ID", "currencyId", FieldKind.CrmCurrency, "Валюта"),
        new("OPPORTUNITY", "opportunity", FieldKind.Double, "Сумма"),
        new("COMPANY_TITLE", "companyTitle", FieldKind.String, "Название компании"),
        new("POST", "post", FieldKind.String, "Должность"),
        new("COMMENTS", "comments", FieldKind.Text, "Комментарий"),
        new("OPENED", "opened", FieldKind.Char, "Доступен для всех"),
        new("CONTACT_ID", "contactId", FieldKind.CrmContact, "Контакт"),
        new("COMPANY_ID", "companyId", FieldKind.CrmCompany, "Компания"),
        new("ORIGINATOR_ID", "originatorId", FieldKind.String, "Внешний источник"),
        new("ORIGIN_ID", "originId", FieldKind.String, "Идентификатор во внешнем источнике"),
        new("ASSIGNED_BY_ID", "assignedById", FieldKind.User, "Ответственный"),
        new("CREATED_BY_ID", "createdBy", FieldKind.User, "Кем создан", ReadOnly: true),
        new("MODIFY_BY_ID", "updatedBy", FieldKind.User, "Кем изменён", ReadOnly: true),
        new("MOVED_BY_ID", "movedBy", FieldKind.User, "Кем переведён на текущий статус", ReadOnly: true),
        new("DATE_CREATE", "createdTime", FieldKind.DateTime, "Дата создания", ReadOnly: true),
        new("DATE_MODIFY", "updatedTime", FieldKind.DateTime, "Дата изменения", ReadOnly: true),
        new("MOVED_TIME", "movedTime", FieldKind.DateTime, "Дата перевода на текущий статус", ReadOnly: true),
        new("PHONE", null, FieldKind.Multifield, "Телефон", Multiple: true),
        new("EMAIL", null, FieldKind.Multifield, "E-mail", Multiple: true),
    ]);

    public static readonly EntityKind Deal = new(2, "deal", "CRM_DEAL", "ONCRMDEAL", "CCrmDocumentDeal", "DEAL", "D",
    [
        new("ID", "id", FieldKind.Integer, "ID", ReadOnly: true),
        new("TITLE", "title", FieldKind.String, "Название"),
        new("TYPE_ID", "typeId", FieldKind.CrmStatus, "Тип"),
        new("CATEGORY_ID", "categoryId", FieldKind.CrmCategory, "Воронка"),
        new("STAGE_ID", "stageId", FieldKind.CrmStatus, "Стадия сделки"),
        new("STAGE_SEMANTIC_ID", "stageSemanticId", FieldKind.String, "Группа стадии", ReadOnly: true),
        new("PROBABILITY", "probability", FieldKind.Integer, "Вероятность"),
        new("CURRENCY_ID", "currencyId", FieldKind.CrmCurrency, "Валюта"),
        new("OPPORTUNITY", "opportunity", FieldKind.Double, "Сумма"),
        new("IS_MANUAL_OPPORTUNITY", "isManualOpportunity", FieldKind.Char, "Сумма заполнена вручную"),
        new("COMPANY_ID", "companyId", FieldKind.CrmCompany, "Компания"),
        new("CONTACT_ID", "contactId", FieldKind.CrmContact, "Контакт"),
        new("LEAD_ID", "leadId", FieldKind.CrmLead, "Лид"),
        new("BEGINDATE", "begindate", FieldKind.Date, "Дата начала"),
        new("CLOSEDATE", "closedate", FieldKind.Date, "Дата завершения"),
        new("OPENED", "opened", FieldKind.Char, "Доступна для всех"),
        new("CLOSED", "closed", FieldKind.Char, "Закрыта", ReadOnly: true),
        new("COMMENTS", "comments", FieldKind.Text, "Комментарий"),
        new("SOURCE_ID", "sourceId", FieldKind.CrmStatus, "Источник"),
        new("SOURCE_DESCRIPTION", "sourceDescription", FieldKind.Text, "Дополнительно об источнике"),
        new("ORIGINATOR_ID", "originatorId", FieldKind.String, "Внешний источник"),
        new("ORIGIN_ID", "originId", FieldKind.String, "Идентификатор во внешнем источнике"),
        new("ASSIGNED_BY_ID", "assignedById", FieldKind.User, "Ответственный"),
        new("CREATED_BY_ID", "createdBy", FieldKind.User, "Кем создана", ReadOnly: true),
        new("MODIFY_BY_ID", "updatedBy", FieldKind.User, "Кем изменена", ReadOnly: true),
        new("MOVED_BY_ID", "movedBy", FieldKind.User, "Кем переведена на текущую стадию", ReadOnly: true),
        new("DATE_CREATE", "createdTime", FieldKind.DateTime, "Дата создания", ReadOnly: true),
        new("DATE_MODIFY", "updatedTime", FieldKind.DateTime, "Дата изменения", ReadOnly: true),
        new("MOVED_TIME", "movedTime", FieldKind.DateTime, "Дата перевода на текущую стадию", ReadOnly: true),
    ]);

    public static readonly EntityKind Contact = new(3, "contact", "CRM_CONTACT", "ONCRMCONTACT", "CCrmDocumentContact", "CONTACT", "C",
    [
        new("ID", "id", FieldKind.Integer, "ID", ReadOnly: true),
        new("NAME", "name", FieldKind.String, "Имя"),
        new("SECOND_NAME", "secondName", FieldKind.String, "Отчество"),
        new("LAST_NAME", "lastName", FieldKind.String, "Фамилия"),
        new("POST", "post", FieldKind.String, "Должность"),
        new("TYPE_ID", "typeId", FieldKind.CrmStatus, "Тип контакта"),
        new("SOURCE_ID", "sourceId", FieldKind.CrmStatus, "Источник"),
        new("SOURCE_DESCRIPTION", "sourceDescription", FieldKind.Text, "Дополнительно об источнике"),
        new("BIRTHDATE", "birthdate", FieldKind.Date, "Дата рождения"),
        new("COMPANY_ID", "companyId", FieldKind.CrmCompany, "Компания"),
        new("COMMENTS", "comments", FieldKind.Text, "Комментарий"),
        new("OPENED", "opened", FieldKind.Char, "Доступен для всех"),
        new("ORIGINATOR_ID", "originatorId", FieldKind.String, "Внешний источник"),
        new("ORIGIN_ID", "originId", FieldKind.String, "Идентификатор во внешнем источнике"),
        new("ORIGIN_VERSION", "originVersion", FieldKind.String, "Версия во внешнем источнике"),
        new("ASSIGNED_BY_ID", "assignedById", FieldKind.User, "Ответственный"),
        new("CREATED_BY_ID", "createdBy", FieldKind.User, "Кем создан", ReadOnly: true),
        new("MODIFY_BY_ID", "updatedBy", FieldKind.User, "Кем изменён", ReadOnly: true),
        new("DATE_CREATE", "createdTime", FieldKind.DateTime, "Дата создания", ReadOnly: true),
        new("DATE_MODIFY", "updatedTime", FieldKind.DateTime, "Дата изменения", ReadOnly: true),
        new("PHONE", null, FieldKind.Multifield, "Телефон", Multiple: true),
        new("EMAIL", null, FieldKind.Multifield, "E-mail", Multiple: true),
    ]);

    public static readonly EntityKind Company = new(4, "company", "CRM_COMPANY", "ONCRMCOMPANY", "CCrmDocumentCompany", "COMPANY", "CO",
    [
        new("ID", "id", FieldKind.Integer, "ID", ReadOnly: true),
        new("TITLE", "title", FieldKind.String, "Название компании"),
        new("COMPANY_TYPE", "typeId", FieldKind.CrmStatus, "Тип компании"),
        new("INDUSTRY", "industry", FieldKind.CrmStatus, "Сфера деятельности"),
        new("REVENUE", "revenue", FieldKind.Double, "Годовой оборот"),
        new("CURRENCY_ID", "currencyId", FieldKind.CrmCurrency, "Валюта"),
        new("COMMENTS", "comments", FieldKind.Text, "Комментарий"),
        new("OPENED", "opened", FieldKind.Char, "Доступна для всех"),
        new("ORIGINATOR_ID", "originatorId", FieldKind.String, "Внешний источник"),
        new("ORIGIN_ID", "originId", FieldKind.String, "Идентификатор во внешнем источнике"),
        new("ORIGIN_VERSION", "originVersion", FieldKind.String, "Версия во внешнем источнике"),
        new("ASSIGNED_BY_ID", "assignedById", FieldKind.User, "Ответственный"),
        new("CREATED_BY_ID", "createdBy", FieldKind.User, "Кем создана", ReadOnly: true),
        new("MODIFY_BY_ID", "updatedBy", FieldKind.User, "Кем изменена", ReadOnly: true),
        new("DATE_CREATE", "createdTime", FieldKind.DateTime, "Дата создания", ReadOnly: true),
        new("DATE_MODIFY", "updatedTime", FieldKind.DateTime, "Дата изменения", ReadOnly: true),
        new("PHONE", null, FieldKind.Multifield, "Телефон", Multiple: true),
        new("EMAIL", null, FieldKind.Multifield, "E-mail", Multiple: true),
    ]);

    public static readonly IReadOnlyList<EntityKind> All = [Lead, Deal, Contact, Company];

    public static EntityKind? ByTypeId(int? typeId) => All.FirstOrDefault(e => e.TypeId == typeId);

    public static EntityKind? ByCode(string? code) => All.FirstOrDefault(e => string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase));

    public FieldDefinition? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    public FieldDefinition? FieldByCamel(string camel) => Fields.FirstOrDefault(f => string.Equals(f.Camel, camel, StringComparison.Ordinal));

    /// <summary>The field holding the item's stage/status (deal STAGE_ID, lead STATUS_ID), if any.</summary>
    public string? StageField => Code switch
    {
        "deal" => "STAGE_ID",
        "lead" => "STATUS_ID",
        _ => null,
    };
}
