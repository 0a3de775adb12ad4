using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Serialization;

namespace Crm.Connector.Templates.Loading;

/// <summary>
/// Finds templates by built-in name (<c>driving-school</c> → <c>templates/bitrix24/driving-school.json</c>) or by path.
/// The templates folder is <c>CRM_CONNECTOR_TEMPLATES</c> when set, else the one shipped next to the program, else
/// the nearest <c>templates/</c> above the current directory (a source checkout).
/// </summary>
public sealed class TemplateCatalog(string root)
{
    /// <summary>Environment variable that points at a templates folder.</summary>
    public const string RootVariable = "CRM_CONNECTOR_TEMPLATES";

    public string Root { get; } = root;

    /// <summary>The catalog found the usual way (see the class summary).</summary>
    public static TemplateCatalog Default()
    {
        var configured = Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new TemplateCatalog(configured);
        }

        var shipped = Path.Combine(AppContext.BaseDirectory, "templates");
        if (Directory.Exists(shipped))
        {
            return new TemplateCatalog(shipped);
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "templates");
            if (File.Exists(Path.Combine(candidate, "template.schema.json")))
            {
                return new TemplateCatalog(candidate);
            }
        }

        return new TemplateCatalog(shipped);
    }

    /// <summary>Every built-in template, by CRM then name.</summary>
    public IReadOnlyList<TemplateEntry> List() =>
        [.. Enum.GetValues<CrmKind>()
            .SelectMany(crm =>
            {
                var dir = Path.Combine(Root, EnumNames.Of(crm));
                return Directory.Exists(dir)
                    ? Directory.EnumerateFiles(dir, "*.json").Select(path => new TemplateEntry(crm, Path.GetFileNameWithoutExtension(path), path))
                    : [];
            })
            .OrderBy(e => e.Crm)
            .ThenBy(e => e.Name, StringComparer.Ordinal)];

    /// <summary>
    /// The file for <paramref name="nameOrPath"/>: an existing file path as is, else a built-in name (of
    /// <paramref name="crm"/> when given). Returns the error to show when nothing or more than one matches.
    /// </summary>
    public (string? Path, string? Error) Resolve(string nameOrPath, CrmKind? crm = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (File.Exists(nameOrPath))
        {
            return (Path.GetFullPath(nameOrPath), null);
        }

        var name = nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? nameOrPath[..^5] : nameOrPath;
        var all = List();
        var matches = all.Where(e => string.Equals(e.Name, name, StringComparison.Ordinal) && (crm is null || e.Crm == crm)).ToList();
        if (matches.Count == 1)
        {
            return (matches[0].Path, null);
        }

        if (matches.Count > 1)
        {
            return (null, $"'{name}' is a built-in template for several CRMs ({string.Join(", ", matches.Select(m => EnumNames.Of(m.Crm)))}); add --crm to choose.");
        }

        var looksLikePath = nameOrPath.Contains('/', StringComparison.Ordinal) || nameOrPath.Contains('\\', StringComparison.Ordinal) || nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var known = all.Count == 0
            ? $"no built-in templates were found under {Root} (set {RootVariable} to the templates folder)"
            : "built-in templates: " + string.Join(", ", all.Select(e => $"{e.Name} ({EnumNames.Of(e.Crm)})"));
        var hint = Validation.Suggestions.DidYouMean(name, all.Select(e => e.Name));
        return (null, looksLikePath
            ? $"template file '{nameOrPath}' does not exist. {hint}".TrimEnd() + $" ({known})."
            : $"'{nameOrPath}' is neither a template file nor a built-in template name. {hint}".TrimEnd() + $" ({known}).");
    }
}
