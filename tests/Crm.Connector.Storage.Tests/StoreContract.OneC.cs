using Crm.Connector.Storage.OneC;

namespace Crm.Connector.Storage.Tests;

public abstract partial class StoreContract
{
    private const string OneCMember = "onec-portal";

    private static readonly Guid InvoiceA = Guid.Parse("6f0b5a54-3c52-5d0e-9d1a-1d0f6a3a0001");

    private static readonly Guid InvoiceB = Guid.Parse("6f0b5a54-3c52-5d0e-9d1a-1d0f6a3a0002");

    [StoreFact]
    public async Task OneC_Connection_RoundTrips_WithThePasswordEncryptedAtRest()
    {
        await Store.OneC.SaveConnectionAsync(Connection("s3cret-пароль"));

        var read = await Store.OneC.GetConnectionAsync(OneCMember);
        Assert.Equal(("s3cret-пароль", "Администратор", "НДС20"), (read!.Password, read.User, read.VatRate));
        var raw = (string?)await RawScalarAsync($"SELECT password FROM onec_connections WHERE member_id = '{OneCMember}'");
        Assert.DoesNotContain("s3cret", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", read.ToString(), StringComparison.Ordinal);
        Assert.Single(await Store.OneC.ConnectionsAsync());
    }

    [StoreFact]
    public async Task OneC_FailedPoll_KeepsTheLastGoodTimes_AndAGoodOneClearsTheFailure()
    {
        await Store.OneC.SaveConnectionAsync(Connection("p"));
        var at = Time.GetUtcNow();
        await Store.OneC.MarkPolledAsync(OneCMember, at, sweep: true, failure: null);
        await Store.OneC.MarkPolledAsync(OneCMember, at.AddMinutes(5), sweep: false, failure: "1C is down");

        var read = await Store.OneC.GetConnectionAsync(OneCMember);
        Assert.Equal((at.ToUnixTimeMilliseconds(), at.ToUnixTimeMilliseconds(), "1C is down"), (read!.PolledAt!.Value.ToUnixTimeMilliseconds(), read.SweptAt!.Value.ToUnixTimeMilliseconds(), read.PollError));
        await Store.OneC.MarkPolledAsync(OneCMember, at.AddMinutes(10), sweep: false, failure: null);
        Assert.Null((await Store.OneC.GetConnectionAsync(OneCMember))!.PollError);
    }

    [StoreFact]
    public async Task OneC_InvoiceLinks_AreFoundByItemAndBy1CKey()
    {
        await Store.OneC.SaveInvoiceAsync(Link(42, InvoiceA, "0000-000001"));
        await Store.OneC.SaveInvoiceAsync(Link(43, InvoiceB, null));
        await Store.OneC.SaveInvoiceAsync(Link(42, InvoiceA, "0000-000001") with { Paid = 500_00, Conflict = "posted in 1C" });

        var link = await Store.OneC.GetInvoiceAsync(OneCMember, "deal", 42);
        Assert.Equal((InvoiceA, "0000-000001", 500_00L, "posted in 1C"), (link!.RefKey, link.Number, link.Paid, link.Conflict));
        Assert.Equal([43L], (await Store.OneC.InvoicesByRefAsync(OneCMember, [InvoiceB, Guid.NewGuid()])).Select(l => l.ItemId));
        Assert.Equal(2, (await Store.OneC.InvoicesAsync(OneCMember)).Count);
        Assert.Null(await Store.OneC.GetInvoiceAsync("other", "deal", 42));
    }

    [StoreFact]
    public async Task OneC_Paid_IsTheSumOfLiveReceiptLines_AndFollowsReceiptsChangedOrGone()
    {
        var posted = Receipt(Guid.NewGuid(), new DateTime(2026, 12, 1), posted: true, (InvoiceA, 300_00), (InvoiceB, 100_00));
        var draft = Receipt(Guid.NewGuid(), new DateTime(2026, 12, 2), posted: false, (InvoiceA, 999_00));
        var stray = Receipt(Guid.NewGuid(), new DateTime(2026, 11, 1), posted: true, (null, 50_00)) with { Matched = false };
        await Store.OneC.SaveReceiptsAsync(OneCMember, [posted, draft, stray], []);

        var paid = await Store.OneC.PaidAsync(OneCMember, [InvoiceA, InvoiceB, Guid.Empty]);
        Assert.Equal((300_00L, 100_00L, 0L), (paid[InvoiceA], paid[InvoiceB], paid[Guid.Empty]));
        Assert.Equal(2, (await Store.OneC.ReceiptsSinceAsync(OneCMember, new DateTime(2026, 12, 1))).Count);
        Assert.Equal(stray.RefKey, Assert.Single(await Store.OneC.UnmatchedAsync(OneCMember)).RefKey);

        // The draft is posted in 1C; the first receipt is deleted there.
        await Store.OneC.SaveReceiptsAsync(OneCMember, [draft with { Posted = true }], [posted.RefKey]);
        paid = await Store.OneC.PaidAsync(OneCMember, [InvoiceA, InvoiceB]);
        Assert.Equal((999_00L, 0L), (paid[InvoiceA], paid[InvoiceB]));
        var kept = Assert.Single(await Store.OneC.ReceiptsSinceAsync(OneCMember, new DateTime(2026, 12, 1)));
        Assert.Equal((draft.RefKey, 999_00L), (kept.RefKey, Assert.Single(kept.Lines).Amount));
    }

    private static OneCConnectionSettings Connection(string password) => new()
    {
        MemberId = OneCMember,
        ServiceRoot = "http://1c.example/base/odata/standard.odata/",
        User = "Администратор",
        Password = password,
        Organization = Guid.NewGuid(),
        ServiceItem = Guid.NewGuid(),
        VatRate = "НДС20",
    };

    private static OneCInvoiceLink Link(long deal, Guid key, string? number) => new()
    {
        MemberId = OneCMember,
        Entity = "deal",
        ItemId = deal,
        RefKey = key,
        Counterparty = Guid.Parse("11111111-2222-3333-4444-555555555555"),
        Number = number,
        DataVersion = "AAAAAQ==",
        Total = 1200_00,
    };

    private static OneCStoredReceipt Receipt(Guid key, DateTime date, bool posted, params (Guid? Invoice, long Amount)[] lines) => new()
    {
        RefKey = key,
        Kind = "bank",
        Number = "0000-000312",
        Date = date,
        Posted = posted,
        Amount = lines.Sum(l => l.Amount),
        Lines = [.. lines.Select(l => new OneCStoredReceiptLine(l.Invoice, l.Amount))],
        Matched = true,
    };
}
