namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>
/// The directories a new portal has (bitrix24-rest.md §6.2): lead statuses, the deal stages every pipeline is filled
/// with (§6.1: "auto-filled with default stages"), and sources. Names are the Russian portal's.
/// </summary>
internal static class DefaultStatuses
{
    /// <summary>§6.2: the STATUS_ID value is capped at 21 characters and silently truncated (<c>C10:PREPAYMENT_INVOIC</c>).</summary>
    public const int MaxStatusIdLength = 21;

    public const string ProcessColor = "#39A8EF";
    public const string SuccessColor = "#7BD500";
    public const string FailureColor = "#FF5752";

    public static readonly IReadOnlyList<(string StatusId, string Name, int Sort, string? Semantics)> LeadStatuses =
    [
        ("NEW", "Не обработан", 10, null),
        ("IN_PROCESS", "В работе", 20, null),
        ("PROCESSED", "Обработан", 30, null),
        ("CONVERTED", "Качественный лид", 40, "S"),
        ("JUNK", "Некачественный лид", 50, "F"),
    ];

    public static readonly IReadOnlyList<(string StatusId, string Name, int Sort, string? Semantics)> DealStages =
    [
        ("NEW", "Новая", 10, null),
        ("PREPARATION", "Подготовка документов", 20, null),
        ("PREPAYMENT_INVOICE", "Счёт на предоплату", 30, null),
        ("EXECUTING", "В работе", 40, null),
        ("FINAL_INVOICE", "Финальный счёт", 50, null),
        ("WON", "Сделка успешна", 60, "S"),
        ("LOSE", "Сделка провалена", 70, "F"),
        ("APOLOGY", "Анализ причины провала", 80, "F"),
    ];

    public static readonly IReadOnlyList<(string StatusId, string Name)> Sources =
    [
        ("CALL", "Звонок"),
        ("EMAIL", "Электронная почта"),
        ("WEB", "Веб-сайт"),
        ("ADVERTISING", "Реклама"),
        ("PARTNER", "Существующий клиент"),
        ("RECOMMENDATION", "По рекомендации"),
        ("TRADE_SHOW", "Выставка"),
        ("WEBFORM", "CRM-форма"),
        ("CALLBACK", "Обратный звонок"),
        ("RC_GENERATOR", "Генератор продаж"),
        ("STORE", "Интернет-магазин"),
        ("OTHER", "Другое"),
    ];

    public static string ColorOf(string? semantics) => semantics switch
    {
        "S" => SuccessColor,
        "F" => FailureColor,
        _ => ProcessColor,
    };

    public static string Truncate(string statusId) => statusId.Length > MaxStatusIdLength ? statusId[..MaxStatusIdLength] : statusId;
}
