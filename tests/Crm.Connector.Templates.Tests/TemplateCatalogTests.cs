using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Templates.Tests;

public sealed class TemplateCatalogTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("crmc-catalog-").FullName;

    public TemplateCatalogTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "bitrix24"));
        Directory.CreateDirectory(Path.Combine(_root, "amocrm"));
        File.WriteAllText(Path.Combine(_root, "bitrix24", "shop.json"), "{}");
        File.WriteAllText(Path.Combine(_root, "bitrix24", "school.json"), "{}");
        File.WriteAllText(Path.Combine(_root, "amocrm", "school.json"), "{}");
    }

    [Fact]
    public void Resolve_BuiltInName_FindsTheFileUnderItsCrm()
    {
        var (path, error) = new TemplateCatalog(_root).Resolve("shop");

        Assert.Null(error);
        Assert.Equal(Path.Combine(_root, "bitrix24", "shop.json"), path);
    }

    [Fact]
    public void Resolve_NameOfSeveralCrms_AsksForCrmUnlessGiven()
    {
        var catalog = new TemplateCatalog(_root);

        var (_, error) = catalog.Resolve("school");
        var (path, _) = catalog.Resolve("school", CrmKind.AmoCrm);

        Assert.Contains("--crm", error, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(_root, "amocrm", "school.json"), path);
    }

    [Fact]
    public void Resolve_Typo_SuggestsTheNameAndListsBuiltIns()
    {
        var (path, error) = new TemplateCatalog(_root).Resolve("shopp");

        Assert.Null(path);
        Assert.Contains("Did you mean 'shop'?", error, StringComparison.Ordinal);
        Assert.Contains("school (amocrm)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MissingFilePath_SaysTheFileDoesNotExist()
    {
        var (_, error) = new TemplateCatalog(_root).Resolve("./nowhere/my.json");

        Assert.StartsWith("template file './nowhere/my.json' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExistingFile_IsTakenAsIs()
    {
        var file = Path.Combine(_root, "mine.json");
        File.WriteAllText(file, "{}");

        Assert.Equal(file, new TemplateCatalog(_root).Resolve(file).Path);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
