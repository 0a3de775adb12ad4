using Crm.Connector.Storage.FileImports;

namespace Crm.Connector.Storage.Tests;

public abstract partial class StoreContract
{
    private const string ImportMember = "import-portal";

    [StoreFact]
    public async Task FileImports_QueueAndStart_AreCompareAndSet_AndFinishingDropsTheFileKeepsTheReport()
    {
        await Store.FileImports.AddAsync(Import("a1", [1, 2, 3]));

        Assert.True(await Store.FileImports.QueueAsync(ImportMember, Id("a1"), "merge"));
        Assert.False(await Store.FileImports.QueueAsync(ImportMember, Id("a1"), "merge"));
        Assert.True(await Store.FileImports.StartAsync(ImportMember, Id("a1"), Time.GetUtcNow().AddMinutes(-5)));
        Assert.False(await Store.FileImports.StartAsync(ImportMember, Id("a1"), Time.GetUtcNow().AddMinutes(-5)));

        // A worker that stopped reporting is taken over.
        Assert.True(await Store.FileImports.StartAsync(ImportMember, Id("a1"), Time.GetUtcNow().AddMinutes(5)));
        await Store.FileImports.ProgressAsync(ImportMember, Id("a1"), 40, 100, "writing");
        var running = await Store.FileImports.GetAsync(ImportMember, Id("a1"), withContent: true);
        Assert.Equal((ImportStatus.Running, 40, "writing", "merge"), (running!.Status, running.Done, running.Phase, running.Duplicates));
        Assert.Equal([1, 2, 3], running.Content);

        await Store.FileImports.FinishAsync(ImportMember, Id("a1"), new ImportTotals(100, 90, 2, 5, 3, 0, 7, [9, 9]), null);
        var done = await Store.FileImports.GetAsync(ImportMember, Id("a1"), withContent: true);
        Assert.Equal((ImportStatus.Done, 100, 90, 2, 5, 3, 7), (done!.Status, done.Done, done.Created, done.Merged, done.Skipped, done.Invalid, done.Requests));
        Assert.Empty(done.Content);
        Assert.Equal([9, 9], done.Report);
        Assert.False(await Store.FileImports.QueueAsync(ImportMember, Id("a1"), "skip"));
        Assert.Empty((await Store.FileImports.ListAsync(ImportMember)).Single().Report);
        Assert.Null(await Store.FileImports.GetAsync("other-portal", Id("a1")));
    }

    [StoreFact]
    public async Task FileImports_AFailedRun_MayBeQueuedAgain_AndACleanUninstallRemovesThem()
    {
        await Store.FileImports.AddAsync(Import("b1", [1]));
        await Store.FileImports.QueueAsync(ImportMember, Id("b1"), "skip");
        await Store.FileImports.StartAsync(ImportMember, Id("b1"), Time.GetUtcNow());
        await Store.FileImports.FinishAsync(ImportMember, Id("b1"), null, "the portal is unreachable");

        var failed = await Store.FileImports.GetAsync(ImportMember, Id("b1"), withContent: true);
        Assert.Equal((ImportStatus.Failed, "the portal is unreachable"), (failed!.Status, failed.Error));
        Assert.Equal([1], failed.Content);
        Assert.True(await Store.FileImports.QueueAsync(ImportMember, Id("b1"), "skip"));

        await Store.Installations.SaveAsync(new Installations.Installation { MemberId = ImportMember, Domain = "import.example.com", InstalledAt = Time.GetUtcNow(), UpdatedAt = Time.GetUtcNow() });
        await Store.Installations.DeleteAllDataAsync(ImportMember);
        Assert.Empty(await Store.FileImports.ListAsync(ImportMember));
    }

    private static string Id(string seed) => seed.PadLeft(32, '0');

    private ImportRun Import(string seed, byte[] content) => new()
    {
        Id = Id(seed),
        MemberId = ImportMember,
        UserId = 1,
        UserName = "Администратор",
        FileName = "clients.xlsx",
        Content = content,
        Total = 100,
        CreatedAt = Time.GetUtcNow(),
        UpdatedAt = Time.GetUtcNow(),
    };
}
