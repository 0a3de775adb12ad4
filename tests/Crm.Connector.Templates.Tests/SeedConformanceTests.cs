using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Processes;
using static Crm.Connector.Templates.Tests.TemplateFixtures;

namespace Crm.Connector.Templates.Tests;

/// <summary>
/// Each template against its seed: every pipeline with its stages in order, every field per entity, and the
/// business-process settings the seed states. A dropped or renamed stage or field fails here. Names are the seeds'
/// own words; where the template adds something the seed implies, the case says why.
/// </summary>
public sealed class SeedConformanceTests
{
    public static TheoryData<string, string, string, string[]> Flows() => new()
    {
        // Seed 000. The lead funnel has no success status in the seed; Bitrix24 needs one («Качественный лид»).
        { "bitrix24", "driving-school", "leads", ["Не обработано", "Квалификация", "Не удалось связаться", "Качественный лид", "Дорого", "Не подходит время", "Школа не оказывает такой услуги", "Спам"] },
        { "bitrix24", "driving-school", "new-client", ["Сбор первичных сведений", "Направление условий обучения", "Сбор дополнительной информации", "Заключение договора", "Выставление счета", "Получение предоплаты", "Обучение теории", "Получение оплаты", "Обучение практике", "Выдача свидетельства о профессии водителя", "Сделка проиграна"] },
        { "bitrix24", "driving-school", "retraining", ["Получение заявки по договору", "Направление условий", "Сбор или обновление данных", "Выставление счета", "Получение оплаты", "Обучение теории", "Обучение практике", "Выдача свидетельства о профессии водителя", "Сделка проиграна"] },
        { "bitrix24", "driving-school", "instructors", ["Кандидат на должность", "Телефонное интервью", "Личное собеседование", "Согласование условий", "Заключение договора", "Сделка проиграна"] },

        // Seed 001. The seed names «Уточняющий звонок» and the two outcomes; new and processing statuses frame them.
        { "bitrix24", "auto-dealer", "leads", ["Новый лид", "Обработка лида", "Уточняющий звонок", "Качественный лид", "Некачественный лид"] },
        { "bitrix24", "auto-dealer", "repair", ["Получение полной информации", "Анализ авто", "Ожидание запасных частей", "Авто в ремонте", "Расчет", "Сделка успешна", "Клиент передумал", "Другое"] },
        { "bitrix24", "auto-dealer", "shop", ["Получение полной информации", "Сборка заказа", "Расчет", "Сделка успешна", "Долго ждать заказ деталей", "Клиент пропал", "Другое"] },
        { "bitrix24", "auto-dealer", "wash", ["Получение полной информации", "Ожидание мойки/мойка", "Сделка успешна", "Клиент не приехал", "Другое"] },

        // Seed 002: the default client statuses.
        { "bitrix24", "driving-school-office", "leads", ["Первичный контакт", "Ожидает набора", "Зачислен в группу", "Отказ"] },

        // Seed 004, without «Расчет стоимости», which the seed proposes to drop.
        { "bitrix24", "body-shop", "body-repair", ["Первый контакт", "Осмотр/фото", "Согласование", "Ждем машину", "Машина в работе", "Ждем оплату", "Сделка успешна", "Сделка провалена"] },

        // Seed 003.
        { "amocrm", "online-school", "course-sale", ["Новая заявка", "Принято в работу", "Не дозвонились", "Квалифицирован", "Назначен пробный урок", "Пробный урок проведен", "Счет выставлен", "Успешно реализовано", "Закрыто не реализовано"] },
        { "amocrm", "online-school", "course-delivery", ["Начало курса назначено", "Уведомление и материалы направлены", "Прохождение курса", "Курс пройден", "Сертификат отправлен", "Успешно реализовано", "Закрыто не реализовано"] },
        { "amocrm", "online-school", "webinar", ["Зарегистрирован на вебинар", "Приглашение выслано", "Посетил вебинар", "Выявлена потребность", "Закрыто не реализовано"] },
        { "amocrm", "online-school", "reanimation", ["Холодный звонок", "Не дозвонились", "Контакт произведен", "Выявлена потребность", "Закрыто и не реализовано"] },
    };

    public static TheoryData<string, string, string, string[]> FieldNames() => new()
    {
        { "bitrix24", "driving-school", "lead", ["Цель", "Имя", "Фамилия", "Отчество", "Дата рождения", "Форма обучения", "Категория обучения"] },

        // The seed lists «Паспортные данные» twice (one field); «Причина провала» records the seed's loss reasons; the payer,
        // invoice number, paid and remaining fields carry the seed's two-way 1C integration (Professional plan).
        { "bitrix24", "driving-school", "deal", ["Паспортные данные", "Справка 086/у", "Форма обучения", "Категория обучения", "Образование", "Опыт работы", "Желаемая з/п", "Желаемая должность", "Категория вождения", "Меры за нарушения КоАП", "Правила безопасности во время вождения", "Общее устройство машины", "Первая медицинская помощь", "ПДД", "Допуск к тесту", "ИНН плательщика", "КПП плательщика", "Счёт 1С №", "Оплачено", "Осталось оплатить", "Причина провала"] },
        { "bitrix24", "auto-dealer", "lead", ["Услуга", "Марка и модель авто"] },
        { "bitrix24", "auto-dealer", "deal", ["Марка и модель авто", "Дата начала работ", "Дата окончания работ", "Мастер", "Комментарий к заказу деталей", "Мойщик", "Время мойки", "Причина отказа"] },
        { "bitrix24", "driving-school-office", "lead", ["Категории обучения", "Коробка передач", "Желаемая дата начала обучения", "Учебный класс", "Группа", "Причина статуса", "Регистратор"] },
        { "bitrix24", "body-shop", "deal", ["Вид объекта", "Платежи", "Внесено", "Осталось оплатить", "Фотографии"] },
        { "bitrix24", "body-shop", "contact", ["Вид клиента"] },
        { "amocrm", "online-school", "deal", ["Название курса", "Преподаватель", "Дата начала обучения", "Дата и время начала вебинара", "Группа", "Тип оплаты", "Причина отказа"] },
        { "amocrm", "online-school", "contact", ["День рождения", "Серия паспорта", "Номер паспорта", "Дата выдачи", "Код подразделения", "Кем выдан", "Пол"] },
        { "amocrm", "online-school", "company", ["ИНН", "КПП", "ОГРН", "Директор", "Факт. адрес", "Юр. адрес", "Почт. адрес", "Банк", "БИК", "К/С", "Р/С"] },
    };

    [Theory]
    [MemberData(nameof(Flows))]
    public void Template_Flow_HasTheSeedsStagesInOrder(string crm, string name, string flow, string[] stages)
    {
        var template = LoadBuiltIn(crm, name).Template!;

        var actual = template.FindFlow(flow);

        Assert.NotNull(actual);
        Assert.Equal(stages, actual.Stages.Select(s => s.Name.Get("ru")));
    }

    [Theory]
    [InlineData("bitrix24", "driving-school", 3)]
    [InlineData("bitrix24", "auto-dealer", 3)]
    [InlineData("bitrix24", "driving-school-office", 0)]
    [InlineData("bitrix24", "body-shop", 1)]
    [InlineData("amocrm", "online-school", 4)]
    public void Template_PipelineCount_MatchesTheSeed(string crm, string name, int pipelines)
    {
        Assert.Equal(pipelines, LoadBuiltIn(crm, name).Template!.Pipelines.Count);
    }

    [Theory]
    [MemberData(nameof(FieldNames))]
    public void Template_EntityFields_AreTheSeedsFields(string crm, string name, string entity, string[] fields)
    {
        var template = LoadBuiltIn(crm, name).Template!;

        var actual = template.Fields.For(Serialization.EnumNames.Parse<CrmEntity>(entity)!.Value);

        Assert.Equal(fields, actual.Select(f => f.Name.Get("ru")));
    }

    [Fact]
    public void DrivingSchool_AdmissionScoring_SumsTheFiveTestsAgainst425()
    {
        var template = LoadBuiltIn("bitrix24", "driving-school").Template!;

        var scoring = Assert.Single(template.Processes.OfType<AdmissionScoringProcess>());

        Assert.Equal(425m, scoring.Threshold);
        Assert.Equal(["TEST_KOAP", "TEST_SAFETY", "TEST_VEHICLE", "TEST_FIRST_AID", "TEST_RULES"], scoring.ScoreFields);
        Assert.Equal("TEST_ADMISSION", scoring.ResultField);
        Assert.Equal("professional", scoring.RequiresPlan);
    }

    [Fact]
    public void DrivingSchool_PlanParts_FollowTheSeedsTariffList()
    {
        var template = LoadBuiltIn("bitrix24", "driving-school").Template!;

        Assert.Equal(
            [("new-client", (string?)null), ("retraining", "basic"), ("instructors", "standard")],
            template.Pipelines.Select(p => (p.Key, p.RequiresPlan)));
        Assert.Equal("standard", template.LeadFunnel!.RequiresPlan);
        Assert.All(template.Automations, a => Assert.Contains(a.RequiresPlan, new[] { "standard", "professional" }));
    }

    [Fact]
    public void DrivingSchool_LossReasons_AreTheSeedsPerPipeline()
    {
        var template = LoadBuiltIn("bitrix24", "driving-school").Template!;
        var names = template.Fields.Find(CrmEntity.Deal, "LOSS_REASON")!.Items.ToDictionary(i => i.Code, i => i.Name.Get("ru"));

        string[] ReasonsOf(string pipeline) => [.. template.FindFlow(pipeline)!.Stages.Single(s => s.Semantics == StageSemantics.Failure).Reasons.Select(r => names[r])];

        Assert.Equal(["Дорого", "Проиграли конкуренцию", "Изменились условия", "Не подошло время"], ReasonsOf("new-client"));
        Assert.Equal(["Дорого", "Проиграли конкуренцию", "Изменились условия", "Не подошло время"], ReasonsOf("retraining"));
        Assert.Equal(["Изменились условия", "Не сотрудничает с автошколами", "Нет свободного времени"], ReasonsOf("instructors"));
    }

    [Fact]
    public void AutoDealer_RefusalCallback_IsTheFirstOrFifteenthOfNextMonth()
    {
        var template = LoadBuiltIn("bitrix24", "auto-dealer").Template!;

        var refusal = Assert.Single(template.Processes.OfType<RefusalCallbackProcess>());

        Assert.Equal((15, 1, 15), (refusal.FirstHalfEndsOnDay, refusal.FirstHalfCallbackDay, refusal.SecondHalfCallbackDay));
        Assert.Equal("REFUSAL_REASON", refusal.ReasonField);
        Assert.Contains("{REFUSAL_REASON}", refusal.CallbackDescription!.Get("ru"), StringComparison.Ordinal);
        Assert.Equal([(string?)null, "standard", "standard"], template.Pipelines.Select(p => p.RequiresPlan));
    }

    [Fact]
    public void AutoDealer_LeadSla_NotifiesOnCreateRemindsAfterOneHourEscalatesAfterTwo()
    {
        var template = LoadBuiltIn("bitrix24", "auto-dealer").Template!;
        var leads = template.Automations.Where(a => a.Entity == CrmEntity.Lead && a.Trigger is Model.Triggers.CreatedTrigger).ToList();

        var delays = leads.Select(a => (((Model.Triggers.CreatedTrigger)a.Trigger).After, a.Actions.OfType<Model.Actions.NotifyAction>().Single().To.Kind)).ToList();

        Assert.Equal([(null, RecipientKind.Responsible), (Delay.Hours(1), RecipientKind.Responsible), (Delay.Hours(2), RecipientKind.Supervisor)], delays);
    }

    [Theory]
    [InlineData("driving-school", Model.Processes.LeadConversion.Automatic)]
    [InlineData("auto-dealer", Model.Processes.LeadConversion.Manual)]
    public void LeadConversion_IsWhoTheSeedSaysConverts(string name, Model.Processes.LeadConversion expected)
    {
        // Seed 000: qualified leads with «Цель» = «Трудоустройство» go to instructor hiring on their own; seed 001: the
        // manager chooses what to create from a qualified lead and in which pipeline.
        var template = LoadBuiltIn("bitrix24", name).Template!;

        Assert.Equal(expected, Assert.Single(template.Processes.OfType<Model.Processes.LeadRoutingProcess>()).Conversion);
    }

    [Fact]
    public void Office_Statuses_WithReasonsRequireChoosingOne()
    {
        var template = LoadBuiltIn("bitrix24", "driving-school-office").Template!;

        Assert.Equal(["Ожидает набора", "Отказ"], template.LeadFunnel!.Stages.Where(s => s.Reasons.Count > 0).Select(s => s.Name.Get("ru")));
        Assert.Equal(FieldType.MultiList, template.Fields.Find(CrmEntity.Lead, "CATEGORIES")!.Type);
        Assert.True(template.Fields.Find(CrmEntity.Lead, "REGISTRAR")!.SetOnce);
        Assert.Equal("OTHER", template.Sources[0].Code);
    }

    [Fact]
    public void BodyShop_ListItems_AreTheSeedsKinds()
    {
        var template = LoadBuiltIn("bitrix24", "body-shop").Template!;

        Assert.Equal(["Грузовик", "Автобус", "После ДТП", "ППЦ (бензовоз)"], template.Fields.Find(CrmEntity.Deal, "OBJECT_KIND")!.Items.Select(i => i.Name.Get("ru")));
        Assert.Equal(4, template.Fields.Find(CrmEntity.Contact, "CLIENT_KIND")!.Items.Count);
        var payments = Assert.Single(template.Processes.OfType<PaymentsProcess>());
        Assert.Equal(("PAYMENTS", "PAID", "REMAINING"), (payments.PaymentsField, payments.PaidField, payments.RemainingField));
        Assert.Equal(0.5m, Assert.Single(template.Processes.OfType<InvoiceProcess>()).PrepaymentShare);
    }

    [Fact]
    public void OnlineSchool_LossReasonsAndRoles_AreTheSeeds()
    {
        var template = LoadBuiltIn("amocrm", "online-school").Template!;

        Assert.Equal(
            ["Не дозвонились", "Перестал выходить на связь", "Дорого", "Выбрали других", "Спам", "Дубль", "Не доработали сами", "Отложили", "Не пришел на вебинар", "Был на вебинаре, но не заинтересовало"],
            template.Fields.Find(CrmEntity.Deal, "LOSS_REASON")!.Items.Select(i => i.Name.Get("ru")));
        Assert.Equal(["Администратор", "РОП", "Менеджер"], template.Roles.Select(r => r.Name.Get("ru")));
        Assert.Equal(["Муж.", "Жен."], template.Fields.Find(CrmEntity.Contact, "GENDER")!.Items.Select(i => i.Name.Get("ru")));
    }
}
