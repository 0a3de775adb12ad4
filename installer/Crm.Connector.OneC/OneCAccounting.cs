using System.Globalization;
using Crm.Connector.OneC.Query;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.OneC;

/// <summary>
/// <see cref="IOneCAccounting"/> over <see cref="OneCClient"/> with the names of one configuration. Creates are sent
/// once under the caller's <c>Ref_Key</c>; a lost answer or "already exists" is settled by reading that key back.
/// </summary>
public sealed class OneCAccounting : IOneCAccounting
{
    private const string RefKey = "Ref_Key";

    private readonly OneCClient _client;
    private readonly OneCEntityNames _names;

    /// <summary>The operations on the base <paramref name="client"/> talks to, named as <paramref name="names"/> says.</summary>
    public OneCAccounting(OneCClient client, OneCEntityNames names)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(names);
        _client = client;
        _names = names;
    }

    /// <inheritdoc/>
    public int Requests => _client.Requests;

    /// <summary>The configuration's names in use.</summary>
    public OneCEntityNames Names => _names;

    private string[] CounterpartyFields => [RefKey, "DataVersion", "Description", "ИНН", "КПП", _names.CounterpartyKindField];

    private static string[] InvoiceFields => [RefKey, "DataVersion", "Number", "Posted", "DeletionMark", "СуммаДокумента", "Контрагент_Key"];

    /// <inheritdoc/>
    public async Task<IReadOnlyList<OneCCounterparty>> FindCounterpartiesAsync(string inn, string? kpp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inn);
        var digits = new string(inn.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
        {
            throw new ArgumentException("An ИНН has digits; this one has none.", nameof(inn));
        }

        var query = new ODataQuery(_names.Counterparties)
            .Select(CounterpartyFields)
            .Where(ODataFilter.All(
                ODataFilter.Eq("ИНН", ODataLiteral.Of(digits)),
                ODataFilter.Eq("IsFolder", ODataLiteral.Of(false)),
                ODataFilter.Eq("DeletionMark", ODataLiteral.Of(false))));
        var rows = await _client.ListAsync(query, cancellationToken);
        var found = rows.Select(Counterparty).ToList();
        var wanted = kpp?.Trim();
        return string.IsNullOrEmpty(wanted) ? found : found.OrderBy(c => c.Kpp == wanted ? 0 : 1).ToList();
    }

    /// <inheritdoc/>
    public async Task<OneCCounterparty?> GetCounterpartyAsync(Guid refKey, CancellationToken cancellationToken) =>
        await _client.GetAsync(_names.Counterparties, refKey, CounterpartyFields, cancellationToken) is { } row ? Counterparty(row) : null;

    /// <inheritdoc/>
    public Task<OneCCounterparty> CreateCounterpartyAsync(OneCCounterpartyDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var body = new JObject
        {
            [RefKey] = draft.RefKey.ToString("D"),
            ["Description"] = draft.Description,
            ["НаименованиеПолное"] = draft.FullName ?? draft.Description,
            [_names.CounterpartyKindField] = draft.IsPerson ? _names.PersonKind : _names.LegalEntityKind,
        };
        if (draft.Inn is { Length: > 0 } inn)
        {
            body["ИНН"] = inn;
        }

        if (!draft.IsPerson && draft.Kpp is { Length: > 0 } kpp)
        {
            body["КПП"] = kpp;
        }

        if (draft.Comment is { Length: > 0 } comment)
        {
            body["Комментарий"] = comment;
        }

        if (draft.Phone is { Length: > 0 } phone)
        {
            body["КонтактнаяИнформация"] = new JArray(new JObject
            {
                ["LineNumber"] = 1,
                ["Тип"] = "Телефон",
                ["Представление"] = phone,
                ["НомерТелефона"] = phone,
            });
        }

        return CreateAsync(_names.Counterparties, draft.RefKey, body, Counterparty, GetCounterpartyAsync, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<OneCInvoice?> GetInvoiceAsync(Guid refKey, CancellationToken cancellationToken) =>
        await _client.GetAsync(_names.Invoice, refKey, InvoiceFields, cancellationToken) is { } row ? Invoice(row) : null;

    /// <inheritdoc/>
    public Task<OneCInvoice> CreateInvoiceAsync(OneCInvoiceDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var body = new JObject
        {
            [RefKey] = draft.RefKey.ToString("D"),
            ["Date"] = OneCDates.Format(draft.Date),
            ["Posted"] = false,
            ["Организация_Key"] = draft.Organization.ToString("D"),
            ["Контрагент_Key"] = draft.Counterparty.ToString("D"),
        };
        if (draft.BankAccount is { } account && account != Guid.Empty)
        {
            // UNCONFIRMED field name (reference §2.3): the bank account of an БП 3.0 invoice is the composite СтруктурнаяЕдиница.
            body["СтруктурнаяЕдиница"] = account.ToString("D");
            body["СтруктурнаяЕдиница_Type"] = "StandardODATA." + _names.BankAccounts;
        }

        body["СуммаВключаетНДС"] = true;
        AddContent(body, draft);
        return CreateAsync(_names.Invoice, draft.RefKey, body, Invoice, GetInvoiceAsync, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<OneCInvoice> UpdateInvoiceAsync(OneCInvoiceDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var body = new JObject();
        AddContent(body, draft);
        var answer = await _client.UpdateAsync(_names.Invoice, draft.RefKey, body, cancellationToken);
        if (answer is not null && answer[RefKey] is not null)
        {
            return Invoice(answer);
        }

        // An empty 200/204: read it as 1C has it now.
        return await GetInvoiceAsync(draft.RefKey, cancellationToken)
            ?? throw new OneCException(OneCErrorKind.NotFound, $"1C has no invoice {draft.RefKey} in {_names.Invoice} after changing it.");
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<OneCReceipt>> ReceiptsSinceAsync(DateTime from, CancellationToken cancellationToken)
    {
        var bank = await ReceiptsAsync(_names.BankReceipt, OneCReceiptKind.Bank, _names.BankReceiptPurposeField, from, cancellationToken);
        var cash = await ReceiptsAsync(_names.CashReceipt, OneCReceiptKind.Cash, _names.CashReceiptPurposeField, from, cancellationToken);
        return [.. bank, .. cash];
    }

    /// <summary>
    /// The VAT inside <paramref name="amount"/> (amounts include VAT) at 1C's rate name, rounded to kopecks (away from
    /// zero, as 1C rounds): НДС20 → amount·20/120, НДС22 → ·22/122, НДС10 → ·10/110, НДС18 → ·18/118, НДС0 and БезНДС → 0.
    /// </summary>
    public static decimal VatIncluded(decimal amount, string vatRate)
    {
        ArgumentNullException.ThrowIfNull(vatRate);
        var percent = vatRate switch
        {
            "БезНДС" or "НДС0" or "" => 0m,
            _ when vatRate.StartsWith("НДС", StringComparison.Ordinal)
                && decimal.TryParse(vatRate.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var p) => p,
            _ => throw new ArgumentException($"Unknown VAT rate \"{vatRate}\"; 1C's names are БезНДС, НДС0, НДС10, НДС20, НДС22…", nameof(vatRate)),
        };
        return percent == 0 ? 0m : Math.Round(amount * percent / (100 + percent), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// POST once; when the answer is lost, unreadable, a 5xx, or 1C says the key exists, read the key back: found → it;
    /// not found → <see cref="OneCErrorKind.Unavailable"/> (nothing was created; safe to try later).
    /// </summary>
    private async Task<T> CreateAsync<T>(string entitySet, Guid refKey, JObject body, Func<JObject, T> map, Func<Guid, CancellationToken, Task<T?>> readBack, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var created = await _client.CreateAsync(entitySet, body, cancellationToken);
            if (created[RefKey] is not null)
            {
                return map(created);
            }
        }
        catch (OneCException e) when (e.Kind is OneCErrorKind.UnknownOutcome or OneCErrorKind.Duplicate or OneCErrorKind.Unavailable)
        {
            return await readBack(refKey, cancellationToken)
                ?? throw new OneCException(
                    OneCErrorKind.Unavailable,
                    $"Creating {refKey} in {entitySet} did not complete ({e.Message}) and 1C has no object with that key: nothing was created; it is safe to try again later.",
                    e.Code,
                    e.Status,
                    e);
        }

        // A 2xx without the object in it: read what 1C has.
        return await readBack(refKey, cancellationToken)
            ?? throw new OneCException(OneCErrorKind.Unavailable, $"1C accepted creating {refKey} in {entitySet} but has no object with that key; try again later.");
    }

    private void AddContent(JObject body, OneCInvoiceDraft draft)
    {
        var lines = new JArray();
        var number = 0;
        foreach (var line in draft.Lines)
        {
            lines.Add(new JObject
            {
                ["LineNumber"] = ++number,
                ["Номенклатура"] = line.Item.ToString("D"),
                ["Номенклатура_Type"] = "StandardODATA." + _names.Items,
                ["Содержание"] = line.Content,
                ["Количество"] = line.Quantity,
                ["Цена"] = line.Price,
                ["Сумма"] = line.Amount,
                ["СтавкаНДС"] = draft.VatRate,
                ["СуммаНДС"] = VatIncluded(line.Amount, draft.VatRate),
            });
        }

        body["СуммаДокумента"] = draft.Total;
        if (draft.Comment is not null)
        {
            body["Комментарий"] = draft.Comment;
        }

        body[_names.InvoiceLines] = lines;
    }

    private async Task<IReadOnlyList<OneCReceipt>> ReceiptsAsync(string entitySet, OneCReceiptKind kind, string purposeField, DateTime from, CancellationToken cancellationToken)
    {
        var query = new ODataQuery(entitySet)
            .Select(
                RefKey, "DataVersion", "Number", "Date", "Posted", "DeletionMark", "СуммаДокумента", "Контрагент", "Контрагент_Type", purposeField,
                _names.ReceiptLines + "/" + _names.ReceiptInvoiceField,
                _names.ReceiptLines + "/" + _names.ReceiptAmountField)
            .Where(ODataFilter.Ge("Date", ODataLiteral.Of(from)));
        IReadOnlyList<JObject> rows;
        try
        {
            rows = await _client.ListAsync(query, cancellationToken);
        }
        catch (OneCException e) when (e.Kind == OneCErrorKind.BadRequest)
        {
            // $select of table-part fields (Table/Field) is documented (1C doc 17.4.4) but not seen on every platform
            // release; a base that refuses it is read with whole documents instead: heavier, same result.
            rows = await _client.ListAsync(query with { Fields = [] }, cancellationToken);
        }

        return rows.Select(row => Receipt(row, kind, purposeField)).ToList();
    }

    private OneCCounterparty Counterparty(JObject row) => new(
        Key(row, RefKey) ?? Guid.Empty,
        Text(row, "Description") ?? "",
        Text(row, "ИНН"),
        Text(row, "КПП"),
        Text(row, _names.CounterpartyKindField) == _names.PersonKind,
        Text(row, "DataVersion"));

    private static OneCInvoice Invoice(JObject row) => new(
        Key(row, RefKey) ?? Guid.Empty,
        Text(row, "Number"),
        Text(row, "DataVersion"),
        Flag(row, "Posted"),
        Flag(row, "DeletionMark"),
        Amount(row, "СуммаДокумента"),
        Key(row, "Контрагент_Key"));

    private OneCReceipt Receipt(JObject row, OneCReceiptKind kind, string purposeField)
    {
        var lines = (row[_names.ReceiptLines] as JArray ?? [])
            .OfType<JObject>()
            .Select(line => new OneCReceiptLine(Key(line, _names.ReceiptInvoiceField), Amount(line, _names.ReceiptAmountField)))
            .ToList();

        // Контрагент is composite in receipts (+ _Type); only a counterparty reference counts. УТ-like bases may use Контрагент_Key.
        var type = Text(row, "Контрагент_Type");
        var counterparty = type is null || type == "StandardODATA." + _names.Counterparties ? Key(row, "Контрагент") ?? Key(row, "Контрагент_Key") : null;
        return new OneCReceipt(
            Key(row, RefKey) ?? Guid.Empty,
            kind,
            Text(row, "Number"),
            OneCDates.Parse(Text(row, "Date")) ?? DateTime.MinValue,
            Flag(row, "Posted"),
            Flag(row, "DeletionMark"),
            Amount(row, "СуммаДокумента"),
            counterparty,
            Text(row, purposeField),
            Text(row, "DataVersion"),
            lines);
    }

    private static string? Text(JObject row, string field) =>
        row[field] is JValue { Value: not null } value && value.ToString(CultureInfo.InvariantCulture) is { Length: > 0 } text ? text : null;

    /// <summary>A GUID field; the empty reference <c>00000000-…</c> and anything not a GUID are null.</summary>
    private static Guid? Key(JObject row, string field) =>
        Guid.TryParse(Text(row, field), out var key) && key != Guid.Empty ? key : null;

    private static bool Flag(JObject row, string field) => row[field] is JValue value && value.Type switch
    {
        JTokenType.Boolean => (bool)value,
        JTokenType.String => string.Equals((string?)value, "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static decimal Amount(JObject row, string field) => row[field] switch
    {
        JValue { Type: JTokenType.Float or JTokenType.Integer } v => Convert.ToDecimal(v.Value, CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.String } v when decimal.TryParse((string?)v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => 0m,
    };
}
