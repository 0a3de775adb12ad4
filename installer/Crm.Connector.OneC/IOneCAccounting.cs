namespace Crm.Connector.OneC;

/// <summary>
/// The accounting operations the CRM ⇄ 1C sync needs, in the words of the sync rather than of OData: counterparties by
/// ИНН/КПП or by our own key, invoices created under our own deterministic <c>Ref_Key</c>, receipts read in a window.
/// Entity and field names come from the base's configuration (<see cref="OneCEntityNames"/>), so another configuration is
/// a mapping, not code. Every read is retried on transient failures; no write is ever sent twice blindly.
/// </summary>
public interface IOneCAccounting
{
    /// <summary>HTTP requests made so far (for figures and tests).</summary>
    int Requests { get; }

    /// <summary>
    /// Counterparties with this ИНН (digits only), not folders, not marked for deletion; exact КПП first when given.
    /// </summary>
    Task<IReadOnlyList<OneCCounterparty>> FindCounterpartiesAsync(string inn, string? kpp, CancellationToken cancellationToken);

    /// <summary>The counterparty with this <c>Ref_Key</c>, or null when there is none.</summary>
    Task<OneCCounterparty?> GetCounterpartyAsync(Guid refKey, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the counterparty under <see cref="OneCCounterpartyDraft.RefKey"/>. When the answer is lost (timeout, reset,
    /// an HTML page, a 5xx) or 1C says the key exists, the key is read back: found → that counterparty; not found → throws
    /// <see cref="OneCException"/> with <see cref="OneCErrorKind.Unavailable"/> (nothing was created; safe to try later).
    /// </summary>
    Task<OneCCounterparty> CreateCounterpartyAsync(OneCCounterpartyDraft draft, CancellationToken cancellationToken);

    /// <summary>The invoice with this <c>Ref_Key</c>, or null when there is none.</summary>
    Task<OneCInvoice?> GetInvoiceAsync(Guid refKey, CancellationToken cancellationToken);

    /// <summary>Creates the invoice unposted under <see cref="OneCInvoiceDraft.RefKey"/>; a lost answer is settled as for counterparties.</summary>
    Task<OneCInvoice> CreateInvoiceAsync(OneCInvoiceDraft draft, CancellationToken cancellationToken);

    /// <summary>Changes the invoice's amount, lines and comment (PATCH, the line table sent whole); returns it as 1C has it now.</summary>
    Task<OneCInvoice> UpdateInvoiceAsync(OneCInvoiceDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// Bank and cash receipts dated on or after <paramref name="from"/> (the base's wall-clock time), posted or not, with
    /// their payment lines; paged by <c>Ref_Key</c>. Costs one request per page of each document kind.
    /// </summary>
    Task<IReadOnlyList<OneCReceipt>> ReceiptsSinceAsync(DateTime from, CancellationToken cancellationToken);
}

/// <summary>A counterparty as 1C has it.</summary>
public sealed record OneCCounterparty(Guid RefKey, string Description, string? Inn, string? Kpp, bool IsPerson, string? DataVersion);

/// <summary>A counterparty to create: a legal entity (ИНН, КПП) or a private person (name and phone).</summary>
public sealed record OneCCounterpartyDraft
{
    public required Guid RefKey { get; init; }

    public required string Description { get; init; }

    public string? FullName { get; init; }

    public string? Inn { get; init; }

    public string? Kpp { get; init; }

    public bool IsPerson { get; init; }

    public string? Phone { get; init; }

    /// <summary>Our marker for people reading 1C, e.g. <c>[crm:member:deal:42]</c>.</summary>
    public string? Comment { get; init; }
}

/// <summary>An invoice to create or update (<c>Document_СчетНаОплатуПокупателю</c> in БП 3.0).</summary>
public sealed record OneCInvoiceDraft
{
    public required Guid RefKey { get; init; }

    /// <summary>The document date, wall-clock time in the base's zone.</summary>
    public required DateTime Date { get; init; }

    public required Guid Organization { get; init; }

    public Guid? BankAccount { get; init; }

    public required Guid Counterparty { get; init; }

    public required IReadOnlyList<OneCInvoiceLine> Lines { get; init; }

    /// <summary>VAT rate as 1C's enumeration value name: <c>БезНДС</c>, <c>НДС20</c>, <c>НДС22</c>…</summary>
    public string VatRate { get; init; } = "БезНДС";

    public string? Comment { get; init; }

    public decimal Total => Lines.Sum(l => l.Amount);
}

/// <summary>One line of an invoice: a service item, its text, quantity, price and amount.</summary>
public sealed record OneCInvoiceLine(Guid Item, string Content, decimal Quantity, decimal Price, decimal Amount);

/// <summary>An invoice as 1C has it now.</summary>
public sealed record OneCInvoice(Guid RefKey, string? Number, string? DataVersion, bool Posted, bool DeletionMark, decimal Total, Guid? Counterparty);

/// <summary>A bank (<c>ПоступлениеНаРасчетныйСчет</c>) or cash (<c>ПриходныйКассовыйОрдер</c>) receipt.</summary>
public sealed record OneCReceipt(
    Guid RefKey,
    OneCReceiptKind Kind,
    string? Number,
    DateTime Date,
    bool Posted,
    bool DeletionMark,
    decimal Amount,
    Guid? Counterparty,
    string? Purpose,
    string? DataVersion,
    IReadOnlyList<OneCReceiptLine> Lines);

/// <summary>A receipt's payment line (<c>РасшифровкаПлатежа</c>): which invoice it pays (null when none) and how much.</summary>
public sealed record OneCReceiptLine(Guid? Invoice, decimal Amount);

public enum OneCReceiptKind
{
    Bank,
    Cash,
}
