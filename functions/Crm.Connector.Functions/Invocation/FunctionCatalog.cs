namespace Crm.Connector.Functions.Invocation;

/// <summary>The app's functions by name (the name is also the folder of its function.json and its handler path).</summary>
public sealed class FunctionCatalog
{
    private readonly Dictionary<string, IFunction> _byName;

    public FunctionCatalog(IEnumerable<IFunction> functions)
    {
        _byName = new Dictionary<string, IFunction>(StringComparer.Ordinal);
        foreach (var function in functions)
        {
            if (!_byName.TryAdd(function.Definition.Name, function))
            {
                throw new InvalidOperationException($"Two functions are named '{function.Definition.Name}'.");
            }
        }
    }

    public IReadOnlyCollection<IFunction> All => _byName.Values;

    public IFunction? Find(string name) => _byName.GetValueOrDefault(name);
}
