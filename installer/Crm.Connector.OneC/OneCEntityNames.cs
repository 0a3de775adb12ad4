namespace Crm.Connector.OneC;

/// <summary>
/// The entity sets and fields the sync uses, as one configuration names them (reference §2.7): another configuration is
/// another instance of this record, not code. Detected from the service document with <see cref="Detect"/>.
/// </summary>
public sealed record OneCEntityNames
{
    /// <summary>The configuration, in words (e.g. "1С:Бухгалтерия предприятия 3.0").</summary>
    public required string Configuration { get; init; }

    /// <summary>Counterparties (<c>Catalog_Контрагенты</c>).</summary>
    public required string Counterparties { get; init; }

    /// <summary>Contracts with counterparties (<c>Catalog_ДоговорыКонтрагентов</c>); optional for the sync.</summary>
    public required string Contracts { get; init; }

    /// <summary>The base's own organizations (<c>Catalog_Организации</c>).</summary>
    public required string Organizations { get; init; }

    /// <summary>Goods and services (<c>Catalog_Номенклатура</c>).</summary>
    public required string Items { get; init; }

    /// <summary>Bank accounts (<c>Catalog_БанковскиеСчета</c>); optional for the sync.</summary>
    public required string BankAccounts { get; init; }

    /// <summary>The invoice to a customer (<c>Document_СчетНаОплатуПокупателю</c> in БП 3.0).</summary>
    public required string Invoice { get; init; }

    /// <summary>The invoice's table part of lines (<c>Товары</c>).</summary>
    public required string InvoiceLines { get; init; }

    /// <summary>The bank receipt (<c>Document_ПоступлениеНаРасчетныйСчет</c> in БП 3.0).</summary>
    public required string BankReceipt { get; init; }

    /// <summary>The cash receipt (<c>Document_ПриходныйКассовыйОрдер</c>).</summary>
    public required string CashReceipt { get; init; }

    /// <summary>The receipts' table part of payment lines (<c>РасшифровкаПлатежа</c>).</summary>
    public required string ReceiptLines { get; init; }

    /// <summary>The field of a payment line naming the invoice it pays (<c>СчетНаОплату_Key</c>).</summary>
    public required string ReceiptInvoiceField { get; init; }

    /// <summary>The field of a payment line with its amount (<c>СуммаПлатежа</c>).</summary>
    public string ReceiptAmountField { get; init; } = "СуммаПлатежа";

    /// <summary>The bank receipt's purpose-of-payment text (<c>НазначениеПлатежа</c>).</summary>
    public string BankReceiptPurposeField { get; init; } = "НазначениеПлатежа";

    /// <summary>The cash receipt's basis text (<c>Основание</c>).</summary>
    public string CashReceiptPurposeField { get; init; } = "Основание";

    /// <summary>The counterparty's kind field (<c>ЮридическоеФизическоеЛицо</c> in БП 3.0).</summary>
    public required string CounterpartyKindField { get; init; }

    /// <summary>The kind value of a legal entity (<c>ЮридическоеЛицо</c>).</summary>
    public required string LegalEntityKind { get; init; }

    /// <summary>The kind value of a private person (<c>ФизическоеЛицо</c>).</summary>
    public required string PersonKind { get; init; }

    /// <summary>The sets the sync cannot work without: counterparties, organizations, items, invoice, bank and cash receipts.</summary>
    public IReadOnlyList<string> Required => [Counterparties, Organizations, Items, Invoice, BankReceipt, CashReceipt];

    /// <summary>The sets the sync uses when they are published: contracts, bank accounts.</summary>
    public IReadOnlyList<string> Optional => [Contracts, BankAccounts];

    /// <summary>1С:Бухгалтерия предприятия 3.0 — the names seen in live БП 3.0 payloads (reference §2.1–2.5).</summary>
    public static OneCEntityNames Bp30 { get; } = new()
    {
        Configuration = "1С:Бухгалтерия предприятия 3.0",
        Counterparties = "Catalog_Контрагенты",
        Contracts = "Catalog_ДоговорыКонтрагентов",
        Organizations = "Catalog_Организации",
        Items = "Catalog_Номенклатура",
        BankAccounts = "Catalog_БанковскиеСчета",
        Invoice = "Document_СчетНаОплатуПокупателю",
        InvoiceLines = "Товары",
        BankReceipt = "Document_ПоступлениеНаРасчетныйСчет",
        CashReceipt = "Document_ПриходныйКассовыйОрдер",
        ReceiptLines = "РасшифровкаПлатежа",

        // UNCONFIRMED for the cash receipt (by analogy with the bank document, reference §2.5).
        ReceiptInvoiceField = "СчетНаОплату_Key",
        CounterpartyKindField = "ЮридическоеФизическоеЛицо",
        LegalEntityKind = "ЮридическоеЛицо",
        PersonKind = "ФизическоеЛицо",
    };

    /// <summary>1С:Управление нашей фирмой. UNCONFIRMED: the receipt documents, the invoice's line table and the payment line's invoice field.</summary>
    public static OneCEntityNames Unf { get; } = Bp30 with
    {
        Configuration = "1С:Управление нашей фирмой",
        Invoice = "Document_СчетНаОплату",

        // UNCONFIRMED: УНФ orders keep lines in "Запасы"; assumed the same for its invoice.
        InvoiceLines = "Запасы",

        // UNCONFIRMED (reference §2.7): ПоступлениеНаСчет / ПоступлениеВКассу.
        BankReceipt = "Document_ПоступлениеНаСчет",
        CashReceipt = "Document_ПоступлениеВКассу",

        // UNCONFIRMED: assumed the payment line names the invoice in СчетНаОплату (composite, read as its GUID).
        ReceiptInvoiceField = "СчетНаОплату",
        CounterpartyKindField = "ВидКонтрагента",
    };

    /// <summary>1С:Управление торговлей 11 (also КА 2, ERP). UNCONFIRMED: the counterparty kind field and values, the invoice's lines.</summary>
    public static OneCEntityNames Ut11 { get; } = Bp30 with
    {
        Configuration = "1С:Управление торговлей 11",
        Invoice = "Document_СчетНаОплатуКлиенту",

        // UNCONFIRMED: УТ 11 invoices are usually filled from an order; assumed a "Товары" table like the order's.
        InvoiceLines = "Товары",
        BankReceipt = "Document_ПоступлениеБезналичныхДенежныхСредств",
        CashReceipt = "Document_ПриходныйКассовыйОрдер",

        // Reference §2.7: the payment line's basis is composite ОснованиеПлатежа (+ _Type), read as its GUID.
        ReceiptInvoiceField = "ОснованиеПлатежа",

        // UNCONFIRMED: УТ 11 calls the kind ЮрФизЛицо with values ЮрЛицо / ФизЛицо.
        CounterpartyKindField = "ЮрФизЛицо",
        LegalEntityKind = "ЮрЛицо",
        PersonKind = "ФизЛицо",
    };

    /// <summary>The configurations known, in the order <see cref="Detect"/> tries them (БП 3.0 first).</summary>
    public static IReadOnlyList<OneCEntityNames> Known { get; } = [Bp30, Ut11, Unf];

    /// <summary>
    /// The configuration whose own documents (the invoice or a receipt no other known configuration has) are published;
    /// БП 3.0 first, then УТ 11, then УНФ. Null when none is recognised (nothing or only shared catalogs published).
    /// </summary>
    public static OneCEntityNames? Detect(IReadOnlyCollection<string> publishedSets)
    {
        ArgumentNullException.ThrowIfNull(publishedSets);
        var published = publishedSets.ToHashSet(StringComparer.Ordinal);
        foreach (var names in Known)
        {
            var others = Known.Where(k => !ReferenceEquals(k, names)).SelectMany(k => k.Required.Concat(k.Optional)).ToHashSet(StringComparer.Ordinal);
            if (names.Required.Where(set => !others.Contains(set)).Any(published.Contains))
            {
                return names;
            }
        }

        return null;
    }
}
