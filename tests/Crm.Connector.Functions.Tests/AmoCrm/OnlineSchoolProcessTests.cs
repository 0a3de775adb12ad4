using System.Globalization;
using Newtonsoft.Json.Linq;

using static Crm.Connector.Functions.Tests.AmoCrm.OnlineSchoolAccount;

namespace Crm.Connector.Functions.Tests.AmoCrm;

/// <summary>
/// Seed 003's processes end to end: the app installed through the sandbox's marketplace redirect and provisioned,
/// a manager's changes arriving as the account's webhooks, the effects read back from the account; delayed checks
/// are made due by moving their due time into the past (the clock moved on). One class per process group, so they
/// run side by side (a due check waits for the next minute's <c>due-jobs</c> tick).
/// </summary>
public sealed class OnlineSchoolSaleTests
{
    [Fact]
    public async Task NewRequests_GoInTurnToTheSalesGroupsActiveUsers_AreAccepted_AndTheNewResponsibleGetsTheTask()
    {
        await using var account = await OnlineSchoolAccount.StartAsync();
        var group = account.SalesGroup();
        Assert.Equal(3, group.Count);

        var leads = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            leads.Add(await account.AddLeadAsync(Sale, "NEW_REQUEST", $"Заявка {i.ToString(CultureInfo.InvariantCulture)}", responsible: account.Harness.Sandbox.AdminUserId));
        }

        foreach (var lead in leads)
        {
            var task = await account.WaitForTaskAsync(lead, "Обработать заявку");
            var now = account.Lead(lead);
            Assert.Equal(account.Stage(Sale, "ACCEPTED").StatusId, now.Value<long>("status_id"));
            Assert.Equal(now.Value<long>("responsible_user_id"), task.Value<long>("responsible_user_id"));
        }

        // Four requests over three active managers: everyone once, one of them twice; nobody inactive, not the admin.
        var responsibles = leads.Select(l => account.Lead(l).Value<long>("responsible_user_id")).ToList();
        Assert.All(responsibles, r => Assert.Contains(r, group));
        Assert.Equal([1, 1, 2], responsibles.GroupBy(r => r).Select(g => g.Count()).Order().ToArray());
        Assert.All(leads, l => Assert.Single(account.TasksOf(l)));
    }

    [Fact]
    public async Task Qualified_GetsTheProposalTaskInTwoHours_OnceHoweverOftenTheWebhookComes()
    {
        await using var account = await OnlineSchoolAccount.StartAsync();
        var lead = await account.AddLeadAsync(Sale, "ACCEPTED", "Квалификация");
        await account.WaitForTaskAsync(lead, "Обработать заявку");

        await account.MoveAsync(lead, Sale, "QUALIFIED");
        var task = await account.WaitForTaskAsync(lead, "Подготовить предложение");
        var due = DateTimeOffset.FromUnixTimeSeconds(task.Value<long>("complete_till"));
        Assert.InRange(due - TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(1.5), TimeSpan.FromHours(2.1));

        // The same webhook three more times: accepted, and nothing is done twice.
        var (pipelineId, statusId) = account.Stage(Sale, "QUALIFIED");
        var form = $"leads[status][0][id]={lead}&leads[status][0][status_id]={statusId}&leads[status][0][pipeline_id]={pipelineId}&leads[status][0][updated_at]={account.Lead(lead).Value<long>("updated_at")}&account[id]={account.Harness.Sandbox.AccountId}&account[subdomain]=school";
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await account.Harness.PostAsync(account.Harness.WebhookPath(), form)).Status);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(account.TasksOf(lead), t => t.Value<string>("text")!.StartsWith("Подготовить предложение", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WonDeal_IsCopiedOnceIntoCourseDelivery_WithFieldsContactCompanyTagsAndNotes_AndBothAreLinked()
    {
        await using var account = await OnlineSchoolAccount.StartAsync();
        var contact = await account.AddContactAsync("Олег", "oleg@example.com");
        var company = await account.AddCompanyAsync("ООО Обучение");
        var lead = await account.AddLeadAsync(Sale, "INVOICED", "Курс PHP", new Dictionary<string, object?> { ["COURSE"] = "PHP", ["STUDY_GROUP"] = "PHP-12" }, contact, company, ["сайт", "осень"]);
        Assert.Equal(2, account.Lead(lead)["tags"]!.Count());
        await account.AddNoteAsync(lead, "Клиент просил рассрочку");
        await account.AddNoteAsync(lead, "Договор подписан");

        await account.MoveAsync(lead, Sale, "WON");
        await account.Harness.WaitUntilAsync(() => Task.FromResult(account.LeadsIn("course-delivery", "START_SET").Count == 1), "the copy in «Ведение курса»");
        var copy = account.LeadsIn("course-delivery", "START_SET")[0];
        var copyId = copy.Value<long>("id");
        var state = account.Mapper.ToState("deal", copyId, copy);
        Assert.Equal(("Курс PHP", "PHP", "PHP-12"), (copy.Value<string>("name"), state["COURSE"] as string, state["STUDY_GROUP"] as string));
        Assert.Equal(account.Lead(lead).Value<long>("responsible_user_id"), copy.Value<long>("responsible_user_id"));
        Assert.Equal(["осень", "сайт"], copy["tags"]!.Values<string>().OfType<string>().Order(StringComparer.Ordinal).ToArray());
        var links = account.Harness.Sandbox.State()["links"]!.Where(l => l.Value<string>("from") == "leads" && l.Value<long>("from_id") == copyId).Select(l => (l.Value<string>("to"), l.Value<long>("to_id"))).ToList();
        Assert.Contains(("contacts", contact), links);
        Assert.Contains(("companies", company), links);

        await account.Harness.WaitUntilAsync(() => Task.FromResult(account.NotesOf(copyId).Any(n => n.StartsWith("Копия сделки #", StringComparison.Ordinal))), "the copy's link note");
        var notes = account.NotesOf(copyId);
        Assert.Contains(notes, n => n.EndsWith("Клиент просил рассрочку", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.EndsWith("Договор подписан", StringComparison.Ordinal));
        Assert.Contains($"Копия сделки #{lead} «Курс PHP».", notes);
        await account.Harness.WaitUntilAsync(() => Task.FromResult(account.NotesOf(lead).Contains($"Создана копия сделки: #{copyId} в «course-delivery».")), "the original's link note");

        // Won once, copied once: a later change of the won deal does not copy it again.
        await account.SetAsync(lead, Sale, new Dictionary<string, object?> { ["STUDY_GROUP"] = "PHP-13" });
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(account.LeadsIn("course-delivery", "START_SET"));
    }

    [Fact]
    public async Task RequestMadeWhileTheAppWasDown_IsCaughtUpByTheSweepWhenItStarts()
    {
        await using var account = await OnlineSchoolAccount.StartAsync();
        long lead = 0;
        await account.Harness.RestartAppAfterAsync(async () =>
        {
            lead = await account.AddLeadAsync(Sale, "NEW_REQUEST", "Заявка ночью");
            await account.Harness.Sandbox.WaitForWebhooksAsync();
            Assert.True(account.Harness.OurWebhooks()[0].Value<int>("failed") >= 1, "the webhook was not even tried while the app was down");
        });

        // The reconcile timer runs when the app starts; its sweep reads the leads updated since the last one.
        var task = await account.WaitForTaskAsync(lead, "Обработать заявку");
        Assert.Contains(task.Value<long>("responsible_user_id"), account.SalesGroup());
        Assert.Equal(account.Stage(Sale, "ACCEPTED").StatusId, account.Lead(lead).Value<long>("status_id"));
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={account.Harness.StorePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM inbox WHERE key LIKE $pattern";
        command.Parameters.AddWithValue("$pattern", $"%:sweep:deal:{lead.ToString(CultureInfo.InvariantCulture)}:%");
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 1, "the lead came in through the sweep");
    }
}

/// <summary>The call-back chain and the trial lesson.</summary>
public sealed class OnlineSchoolCallbackTests
{
    [Fact]
    public async Task NoAnswer_CallsBackIn3HoursAndAgainAfterADay_TrialLessonRemindsWithTheLink_AndTheDecisionIsAskedADayLater()
    {
        await using var account = await OnlineSchoolAccount.StartAsync(new JObject { ["timeZone"] = "Europe/Moscow", ["trialLessonLink"] = "https://school.example/trial/42", ["emailSender"] = "school@example.com" });
        var contact = await account.AddContactAsync("Ирина", "irina@example.com");
        var lead = await account.AddLeadAsync(Sale, "ACCEPTED", "Пробный урок", new Dictionary<string, object?> { ["COURSE"] = "DESIGN" }, contact);
        await account.WaitForTaskAsync(lead, "Обработать заявку");

        // «Не дозвонились»: two checks wait — in three hours and after a day.
        await account.MoveAsync(lead, Sale, "NO_ANSWER");
        var first = await account.WaitForJobAsync("no-answer-call-back-3h");
        var second = await account.WaitForJobAsync("no-answer-call-back-1d");
        Assert.InRange(first - TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(2.9), TimeSpan.FromHours(3.1));
        Assert.True(second - first > TimeSpan.FromHours(20), "the second call-back comes about a day later");
        await account.MakeDueAsync("no-answer-call-back");
        await account.Harness.WaitUntilAsync(() => Task.FromResult(account.TasksOf(lead).Count(t => t.Value<string>("text")!.StartsWith("Перезвонить", StringComparison.Ordinal)) == 2), "two call-backs");
        Assert.All(account.TasksOf(lead).Where(t => t.Value<string>("text")!.StartsWith("Перезвонить", StringComparison.Ordinal)), t => Assert.Equal(1, t.Value<int>("task_type_id")));

        // «Назначен пробный урок»: the reminder to the client with the lesson's link — a task for the manager to send it,
        // and a note recording it (amoCRM has no API that sends mail for an integration).
        await account.MoveAsync(lead, Sale, "TRIAL_SET");
        var reminder = await account.WaitForTaskAsync(lead, "Отправьте письмо клиенту на irina@example.com с адреса school@example.com");
        Assert.Contains("https://school.example/trial/42", reminder.Value<string>("text"), StringComparison.Ordinal);
        Assert.Contains("«Дизайн»", reminder.Value<string>("text"), StringComparison.Ordinal);
        Assert.Contains("Здравствуйте, Ирина!", reminder.Value<string>("text"), StringComparison.Ordinal);
        await account.Harness.WaitUntilAsync(() => Task.FromResult(account.NotesOf(lead).Any(n => n.Contains("Напоминание о пробном уроке", StringComparison.Ordinal))), "the e-mail noted");

        // «Пробный урок проведен»: a day later, the decision.
        await account.MoveAsync(lead, Sale, "TRIAL_DONE");
        await account.WaitForJobAsync("sale-trial-decision");
        await account.MakeDueAsync("sale-trial-decision");
        await account.WaitForTaskAsync(lead, "Позвонить и узнать решение");
    }
}

/// <summary>Lost deals revived by reason.</summary>
public sealed class OnlineSchoolReanimationTests
{
    [Fact]
    public async Task LostDeal_WithAListedReason_IsReanimatedAfterTheDelay_TheReasonReadWhenDue_ButNotForOtherReasons()
    {
        await using var account = await OnlineSchoolAccount.StartAsync();
        var manager = account.SalesGroup()[1];
        var expensive = await account.AddLeadAsync(Sale, "TRIAL_DONE", "Дорого вышло", responsible: manager);
        var spam = await account.AddLeadAsync(Sale, "TRIAL_DONE", "Спам", responsible: manager);

        // Lost first, the reason filled in a moment later — the check reads the lead when it comes due.
        await account.MoveAsync(expensive, Sale, "LOST");
        await account.MoveAsync(spam, Sale, "LOST", new Dictionary<string, object?> { ["LOSS_REASON"] = "SPAM" });
        var due = await account.WaitForJobAsync("sale-lost-reanimate");
        Assert.InRange(due - TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(29), TimeSpan.FromDays(31));
        await account.SetAsync(expensive, Sale, new Dictionary<string, object?> { ["LOSS_REASON"] = "EXPENSIVE" });
        await account.Harness.WaitUntilAsync(async () => (await account.JobsAsync("sale-lost-reanimate")).Count == 2, "both checks scheduled");

        await account.MakeDueAsync("sale-lost-reanimate");
        await account.Harness.WaitUntilAsync(() => Task.FromResult(account.LeadsIn("reanimation", "COLD_CALL").Count == 1), "the deal in «Реанимация»");
        var revived = account.LeadsIn("reanimation", "COLD_CALL")[0];
        Assert.Equal("Дорого вышло", revived.Value<string>("name"));
        var task = await account.WaitForTaskAsync(revived.Value<long>("id"), "Позвонить клиенту, сделать повторное предложение");
        Assert.Equal(manager, task.Value<long>("responsible_user_id"));

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(account.LeadsIn("reanimation", "COLD_CALL"));
    }
}

/// <summary>The course chain in «Ведение курса».</summary>
public sealed class OnlineSchoolCourseTests
{
    [Fact]
    public async Task Course_TasksRunOnTheirDatesAndStages()
    {
        await using var account = await OnlineSchoolAccount.StartAsync();
        const string Course = "course-delivery";
        var start = TimeProvider.System.GetUtcNow().AddDays(10);
        var lead = await account.AddLeadAsync(Course, "START_SET", "Ученик", new Dictionary<string, object?> { ["COURSE_START"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });

        // Two days before «Дата начала обучения».
        var notify = await account.WaitForJobAsync("course-start-soon");
        Assert.InRange(notify, start.AddDays(-3), start.AddDays(-1));
        await account.MakeDueAsync("course-start-soon");
        await account.WaitForTaskAsync(lead, "Оповестить клиента о начале курса");

        await account.MoveAsync(lead, Course, "MATERIALS_SENT");
        await account.WaitForJobAsync("course-materials-check");
        await account.MakeDueAsync("course-materials-check");
        await account.WaitForTaskAsync(lead, "Уточнить у ученика получение материалов");

        // Monthly feedback while the course goes on: the next month's check is scheduled when this one runs.
        await account.MoveAsync(lead, Course, "IN_PROGRESS");
        await account.WaitForJobAsync("course-monthly-feedback");
        await account.MakeDueAsync("course-monthly-feedback");
        await account.WaitForTaskAsync(lead, "Собрать обратную связь по прохождению курса");
        await account.Harness.WaitUntilAsync(async () => (await account.JobsAsync("course-monthly-feedback")).Count == 1, "the next month's check");

        await account.MoveAsync(lead, Course, "COMPLETED");
        await account.WaitForTaskAsync(lead, "Подготовить сертификат");
        await account.MoveAsync(lead, Course, "CERT_SENT");
        await account.WaitForTaskAsync(lead, "Собрать отзыв");
        await account.Harness.WaitUntilAsync(async () => (await account.JobsAsync("course-monthly-feedback")).Count == 0, "the monthly check cancelled when the course ended");
    }
}

/// <summary>The webinar chain.</summary>
public sealed class OnlineSchoolWebinarTests
{
    [Fact]
    public async Task Webinar_RegistrationWarmUpRemindersAttendanceNeedAndNoShow()
    {
        await using var account = await OnlineSchoolAccount.StartAsync(new JObject { ["timeZone"] = "Europe/Moscow", ["webinarLink"] = "https://school.example/webinar/7" });
        const string Webinar = "webinar";
        var contact = await account.AddContactAsync("Мария", "maria@example.com");
        var startsAt = TimeProvider.System.GetUtcNow().AddDays(3);
        var lead = await account.AddLeadAsync(Webinar, "REGISTERED", "Вебинар", new Dictionary<string, object?> { ["WEBINAR_START"] = startsAt.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture) }, contact);

        // Registered: confirmation, then «Приглашение выслано» with the first warm-up letter; the second after a day.
        await account.WaitForTaskAsync(lead, "«Вы зарегистрированы на вебинар»");
        await account.Harness.WaitUntilAsync(() => Task.FromResult(account.Lead(lead).Value<long>("status_id") == account.Stage(Webinar, "INVITED").StatusId), "the move to «Приглашение выслано»");
        await account.WaitForTaskAsync(lead, "«Что будет на вебинаре»");
        await account.WaitForJobAsync("webinar-warmup-second");
        var reminders = new[] { await account.WaitForJobAsync("webinar-reminder-24h"), await account.WaitForJobAsync("webinar-reminder-4h") };
        Assert.InRange(reminders[0], startsAt.AddHours(-24.1), startsAt.AddHours(-23.9));
        Assert.InRange(reminders[1], startsAt.AddHours(-4.1), startsAt.AddHours(-3.9));
        await account.MakeDueAsync("webinar-");
        await account.WaitForTaskAsync(lead, "«Полезные материалы перед вебинаром»");
        var tomorrow = await account.WaitForTaskAsync(lead, "«Вебинар уже завтра»");
        Assert.Contains("https://school.example/webinar/7", tomorrow.Value<string>("text"), StringComparison.Ordinal);
        await account.WaitForTaskAsync(lead, "«Вебинар через 4 часа»");

        // Attended: the call and the offer; a need found moves the deal to «Продажа курса» / «Квалифицирован».
        await account.MoveAsync(lead, Webinar, "ATTENDED");
        await account.WaitForTaskAsync(lead, "Обзвон: клиент посетил вебинар");
        await account.MoveAsync(lead, Webinar, "NEED_FOUND");
        await account.Harness.WaitUntilAsync(() => Task.FromResult(account.Lead(lead).Value<long>("status_id") == account.Stage(Sale, "QUALIFIED").StatusId), "the move to «Продажа курса» / «Квалифицирован»");
        await account.WaitForTaskAsync(lead, "Подготовить предложение");

        // Lost as «Не пришел на вебинар»: the letter with the recording.
        var other = await account.AddLeadAsync(Webinar, "INVITED", "Не пришла", NoValues, contact);
        await account.WaitForTaskAsync(other, "«Что будет на вебинаре»");
        await account.MoveAsync(other, Webinar, "LOST", new Dictionary<string, object?> { ["LOSS_REASON"] = "NO_SHOW_WEBINAR" });
        await account.WaitForTaskAsync(other, "«Жаль, что не получилось прийти»");
    }
}
