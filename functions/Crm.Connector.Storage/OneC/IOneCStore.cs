namespace Crm.Connector.Storage.OneC;

/// <summary>
/// What the 1C sync keeps per installation: the connection (its password encrypted at rest), the invoices the app made
/// in 1C for CRM items, and the receipts read from 1C with their payment lines — so that what an invoice has been paid
/// is the sum over the receipts 1C has now, however the polls' windows fell.
/// </summary>
public interface IOneCStore
{
    Task SaveConnectionAsync(OneCConnectionSettings settings, CancellationToken cancellationToken = default);

    Task<OneCConnectionSettings?> GetConnectionAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>Every installation with a 1C connection.</summary>
    Task<IReadOnlyList<OneCConnectionSettings>> ConnectionsAsync(CancellationToken cancellationToken = default);

    Task<bool> DeleteConnectionAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>Records a poll of the installation's receipts (<paramref name="sweep"/>: the wider one), and its <paramref name="failure"/> if any.</summary>
    Task MarkPolledAsync(string memberId, DateTimeOffset at, bool sweep, string? failure, CancellationToken cancellationToken = default);

    Task<OneCInvoiceLink?> GetInvoiceAsync(string memberId, string entity, long itemId, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the item's invoice link.</summary>
    Task SaveInvoiceAsync(OneCInvoiceLink link, CancellationToken cancellationToken = default);

    /// <summary>The installation's invoice links whose 1C key is one of <paramref name="refKeys"/>.</summary>
    Task<IReadOnlyList<OneCInvoiceLink>> InvoicesByRefAsync(string memberId, IReadOnlyCollection<Guid> refKeys, CancellationToken cancellationToken = default);

    /// <summary>Every invoice link of the installation, newest first (what the status shows).</summary>
    Task<IReadOnlyList<OneCInvoiceLink>> InvoicesAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>The counterparties of the installation's invoices (a receipt from one of them is ours to match).</summary>
    Task<IReadOnlySet<Guid>> CounterpartiesAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>Receipts kept for the installation dated on or after <paramref name="from"/> (1C wall-clock time).</summary>
    Task<IReadOnlyList<OneCStoredReceipt>> ReceiptsSinceAsync(string memberId, DateTime from, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces receipts with their lines, and forgets <paramref name="gone"/> (deleted in 1C), in one transaction.</summary>
    Task SaveReceiptsAsync(string memberId, IReadOnlyList<OneCStoredReceipt> receipts, IReadOnlyCollection<Guid> gone, CancellationToken cancellationToken = default);

    /// <summary>What live receipts (posted, not marked for deletion) paid against each of <paramref name="invoices"/>, in kopecks.</summary>
    Task<IReadOnlyDictionary<Guid, long>> PaidAsync(string memberId, IReadOnlyCollection<Guid> invoices, CancellationToken cancellationToken = default);

    /// <summary>Receipts kept as not matched to any invoice of ours: for a person to look at.</summary>
    Task<IReadOnlyList<OneCStoredReceipt>> UnmatchedAsync(string memberId, CancellationToken cancellationToken = default);
}

/// <summary>An installation's 1C connection and choices (organisation, bank account, service item, VAT rate, the base's time zone).</summary>
public sealed record OneCConnectionSettings
{
    public required string MemberId { get; init; }

    /// <summary>The publication's <c>…/odata/standard.odata/</c> URL.</summary>
    public required string ServiceRoot { get; init; }

    public required string User { get; init; }

    /// <summary>Kept encrypted; never logged.</summary>
    public required string Password { get; init; }

    public required Guid Organization { get; init; }

    public Guid? BankAccount { get; init; }

    public required Guid ServiceItem { get; init; }

    /// <summary>1C's VAT enumeration value: <c>БезНДС</c>, <c>НДС20</c>, <c>НДС22</c>…</summary>
    public string VatRate { get; init; } = "БезНДС";

    /// <summary>The 1C server's time zone: its dates are wall-clock times there.</summary>
    public string TimeZone { get; init; } = "Europe/Moscow";

    /// <summary>The configuration detected when connecting (<c>1С:Бухгалтерия предприятия 3.0</c>…), which names the entity sets.</summary>
    public string Configuration { get; init; } = "1С:Бухгалтерия предприятия 3.0";

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? PolledAt { get; init; }

    public DateTimeOffset? SweptAt { get; init; }

    public string? PollError { get; init; }

    /// <summary>No password in logs or exception texts.</summary>
    public override string ToString() => $"1C connection of {MemberId}: {ServiceRoot} as {User}";
}

/// <summary>The invoice the app made in 1C for a CRM item, as last seen.</summary>
public sealed record OneCInvoiceLink
{
    public required string MemberId { get; init; }

    public required string Entity { get; init; }

    public required long ItemId { get; init; }

    public required Guid RefKey { get; init; }

    public required Guid Counterparty { get; init; }

    public string? Number { get; init; }

    /// <summary>1C's <c>DataVersion</c> when the app last wrote or read it: a different one means someone edited it in 1C.</summary>
    public string? DataVersion { get; init; }

    /// <summary>Kopecks.</summary>
    public long Total { get; init; }

    public bool Posted { get; init; }

    /// <summary>Kopecks paid by live receipts.</summary>
    public long Paid { get; init; }

    /// <summary>Why a change of the deal was not carried to 1C (posted or edited there), or null.</summary>
    public string? Conflict { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A receipt read from 1C (bank or cash), its lines, and whether it matched an invoice of ours.</summary>
public sealed record OneCStoredReceipt
{
    public required Guid RefKey { get; init; }

    /// <summary><c>bank</c> or <c>cash</c>.</summary>
    public required string Kind { get; init; }

    public string? Number { get; init; }

    public required DateTime Date { get; init; }

    public bool Posted { get; init; }

    public bool Deleted { get; init; }

    /// <summary>Kopecks.</summary>
    public long Amount { get; init; }

    public Guid? Counterparty { get; init; }

    public string? Purpose { get; init; }

    public string? DataVersion { get; init; }

    public IReadOnlyList<OneCStoredReceiptLine> Lines { get; init; } = [];

    /// <summary>Every line names an invoice of ours.</summary>
    public bool Matched { get; init; }

    /// <summary>It counts towards what invoices were paid: posted and not marked for deletion.</summary>
    public bool Live => Posted && !Deleted;
}

/// <summary>A receipt's payment line: the invoice it pays (null: none named) and how much, in kopecks.</summary>
public sealed record OneCStoredReceiptLine(Guid? Invoice, long Amount);
