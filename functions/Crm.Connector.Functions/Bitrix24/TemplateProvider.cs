using System.Collections.Concurrent;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Functions.Bitrix24;

/// <summary>The built-in templates by name, loaded and validated once.</summary>
public sealed class TemplateProvider
{
    private readonly TemplateCatalog _catalog = TemplateCatalog.Default();
    private readonly ConcurrentDictionary<string, Lazy<Task<CrmTemplate>>> _loaded = new(StringComparer.Ordinal);

    /// <summary>The template named <paramref name="name"/>; throws <see cref="InvalidOperationException"/> naming the problem when it cannot be used.</summary>
    public Task<CrmTemplate> GetAsync(string name) => _loaded.GetOrAdd(name, n => new Lazy<Task<CrmTemplate>>(() => LoadAsync(n))).Value;

    private async Task<CrmTemplate> LoadAsync(string name)
    {
        var (path, error) = _catalog.Resolve(name);
        if (path is null)
        {
            _loaded.TryRemove(name, out _);
            throw new InvalidOperationException(error);
        }

        var loaded = await TemplateLoader.LoadFileAsync(path);
        if (!loaded.IsValid)
        {
            _loaded.TryRemove(name, out _);
            throw new InvalidOperationException($"Template '{name}' is not valid: {string.Join("; ", loaded.Errors)}");
        }

        return loaded.Template!;
    }
}
