namespace Crm.Connector.Testing;

/// <summary>Paths inside the source checkout the tests run from.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding <c>Crm.Connector.sln</c>.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path below the repository root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Crm.Connector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Crm.Connector.sln above {AppContext.BaseDirectory}; the tests must run from a source checkout.");
    }
}
