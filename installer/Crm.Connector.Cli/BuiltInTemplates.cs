using System.Reflection;
using Crm.Connector.Templates.Loading;

namespace Crm.Connector.Cli;

/// <summary>
/// Where built-in template names (<c>driving-school</c>) are looked up. A program built and run inside a source checkout
/// (<c>dotnet run --project installer/Crm.Connector.Cli</c>) uses the repository's own <c>templates/</c> — the files a
/// partner edits — so <c>validate</c>'s <c>file(line,col)</c> opens the source in an editor, not the copy the build put
/// in <c>bin/</c>, and an edit is seen without a rebuild. The build records the repository's path in the assembly
/// (<see cref="RepositoryMetadataKey"/>). Anywhere else — a program copied or installed elsewhere — the copy shipped
/// next to the program is used; <c>CRM_CONNECTOR_TEMPLATES</c> overrides both.
/// </summary>
internal static class BuiltInTemplates
{
    /// <summary>The assembly metadata key holding the repository the program was built from.</summary>
    public const string RepositoryMetadataKey = "Crm.Connector.RepositoryRoot";

    public static TemplateCatalog Catalog()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TemplateCatalog.RootVariable))
            && SourceRoot(AppContext.BaseDirectory, RecordedRepository()) is { } source)
        {
            return new TemplateCatalog(source);
        }

        return TemplateCatalog.Default();
    }

    /// <summary>
    /// The repository's <c>templates/</c> when <paramref name="programDirectory"/> lies inside
    /// <paramref name="repository"/> and that folder is still there with its schema; else null.
    /// </summary>
    public static string? SourceRoot(string programDirectory, string? repository)
    {
        if (string.IsNullOrWhiteSpace(repository))
        {
            return null;
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repository));
        var program = Path.GetFullPath(programDirectory);
        var inside = program.StartsWith(root + Path.DirectorySeparatorChar, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        var templates = Path.Combine(root, "templates");
        return inside && File.Exists(Path.Combine(templates, "template.schema.json")) ? templates : null;
    }

    private static string? RecordedRepository() =>
        typeof(BuiltInTemplates).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == RepositoryMetadataKey)?.Value;
}
