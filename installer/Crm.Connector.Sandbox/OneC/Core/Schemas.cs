using static Crm.Connector.Sandbox.OneC.Core.FieldType;

namespace Crm.Connector.Sandbox.OneC.Core;

/// <summary>
/// The minimal composition of §1.8 for БП 3.0, with the properties of §2.1–2.5. Fields marked UNCONFIRMED in the notes
/// (e.g. <c>СтруктурнаяЕдиница</c>) are included as the notes name them.
/// </summary>
internal static class Schemas
{
    public const string Counterparties = "Catalog_Контрагенты";
    public const string Contracts = "Catalog_ДоговорыКонтрагентов";
    public const string Organizations = "Catalog_Организации";
    public const string Items = "Catalog_Номенклатура";
    public const string BankAccounts = "Catalog_БанковскиеСчета";
    public const string Currencies = "Catalog_Валюты";
    public const string Invoices = "Document_СчетНаОплатуПокупателю";
    public const string BankReceipts = "Document_ПоступлениеНаРасчетныйСчет";
    public const string CashReceipts = "Document_ПриходныйКассовыйОрдер";

    /// <summary>Every set, in the order the service document lists them.</summary>
    public static IReadOnlyList<EntitySchema> All { get; } =
    [
        EntitySchema.Catalog(Counterparties,
            [("Parent_Key", Reference), ("IsFolder", Flag), ("НаименованиеПолное", Text), ("ЮридическоеФизическоеЛицо", Text),
             ("ИНН", Text), ("КПП", Text), ("КодПоОКПО", Text), ("РегистрационныйНомер", Text), ("ОсновнойБанковскийСчет_Key", Reference),
             ("ОсновноеКонтактноеЛицо_Key", Reference), ("ГоловнойКонтрагент_Key", Reference), ("Комментарий", Text), ("ДополнительнаяИнформация", Text)],
            ("КонтактнаяИнформация", [("Тип", Text), ("Вид_Key", Reference), ("Представление", Text), ("НомерТелефона", Text), ("АдресЭП", Text)]),
            ("ДополнительныеРеквизиты", [("Свойство_Key", Reference), ("Значение", Text)])),
        EntitySchema.Catalog(Contracts,
            [("Owner_Key", Reference), ("Parent_Key", Reference), ("IsFolder", Flag), ("ВидДоговора", Text), ("Организация_Key", Reference),
             ("ВалютаВзаиморасчетов_Key", Reference), ("ТипЦен_Key", Reference), ("Номер", Text), ("Дата", Date), ("Сумма", Number), ("Комментарий", Text)]),
        EntitySchema.Catalog(Organizations,
            [("НаименованиеПолное", Text), ("ИНН", Text), ("КПП", Text), ("ОсновнойБанковскийСчет_Key", Reference), ("Префикс", Text)]),
        EntitySchema.Catalog(Items,
            [("Parent_Key", Reference), ("IsFolder", Flag), ("НаименованиеПолное", Text), ("Артикул", Text), ("Услуга", Flag),
             ("СтавкаНДС", Text), ("Комментарий", Text)]),
        EntitySchema.Catalog(BankAccounts,
            [("Owner", Composite), ("НомерСчета", Text), ("Банк_Key", Reference), ("ВалютаДенежныхСредств_Key", Reference)]),
        EntitySchema.Catalog(Currencies, [("НаименованиеПолное", Text)]),
        EntitySchema.Document(Invoices,
            [("ВидОперации", Text), ("Организация_Key", Reference), ("Контрагент_Key", Reference), ("ДоговорКонтрагента_Key", Reference),
             ("СуммаДокумента", Number), ("СуммаВключаетНДС", Flag), ("ВалютаДокумента_Key", Reference), ("СтруктурнаяЕдиница", Composite),
             ("Ответственный_Key", Reference), ("Комментарий", Text)],
            ("Товары", [("Номенклатура", Composite), ("Содержание", Text), ("Количество", Number), ("Цена", Number), ("Сумма", Number),
                        ("ПроцентСкидки", Number), ("СуммаСкидки", Number), ("СтавкаНДС", Text), ("СуммаНДС", Number)])),
        EntitySchema.Document(BankReceipts,
            [("ВидОперации", Text), ("Организация_Key", Reference), ("СчетОрганизации_Key", Reference), ("Контрагент", Composite),
             ("СчетКонтрагента_Key", Reference), ("ДоговорКонтрагента_Key", Reference), ("СуммаДокумента", Number), ("ВалютаДокумента_Key", Reference),
             ("НазначениеПлатежа", Text), ("НомерВходящегоДокумента", Text), ("ДатаВходящегоДокумента", Date), ("Комментарий", Text)],
            ("РасшифровкаПлатежа", ReceiptRows())),
        EntitySchema.Document(CashReceipts,
            [("ВидОперации", Text), ("Организация_Key", Reference), ("СчетКасса_Key", Reference), ("Контрагент", Composite),
             ("ДоговорКонтрагента_Key", Reference), ("СуммаДокумента", Number), ("Основание", Text), ("ПринятоОт", Text), ("Комментарий", Text)],
            // §2.5: СчетНаОплату_Key in ПКО rows is UNCONFIRMED; emulated by analogy with the bank document, as the notes assume.
            ("РасшифровкаПлатежа", ReceiptRows())),
    ];

    public static EntitySchema? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    private static (string, FieldType)[] ReceiptRows() =>
    [
        ("ДоговорКонтрагента_Key", Reference), ("СпособПогашенияЗадолженности", Text), ("СуммаПлатежа", Number), ("СчетНаОплату_Key", Reference),
        ("СтавкаНДС", Text), ("СуммаНДС", Number),
    ];
}
