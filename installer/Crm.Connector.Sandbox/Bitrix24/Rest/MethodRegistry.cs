namespace Crm.Connector.Sandbox.Bitrix24.Rest;

/// <summary>
/// The REST methods the portal answers. Scopes follow the method's module (bitrix24-rest.md §1.6, §3): <c>crm.*</c> crm,
/// <c>tasks.*</c> task, <c>im.*</c> im, <c>user.*</c> user, <c>department.*</c> department, <c>bizproc.*</c> bizproc, <c>placement.*</c> placement;
/// <c>batch</c>, <c>profile</c>, <c>app.info</c>, <c>scope</c> and <c>event.*</c> need none. Methods needing application
/// context (§3: <c>event.*</c>, <c>bizproc.robot.*</c>, <c>placement.*</c>, <c>app.info</c>) refuse webhooks.
/// </summary>
internal sealed class MethodRegistry
{
    private readonly Dictionary<string, MethodDefinition> _methods = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Names => _methods.Keys;

    public void Add(string name, Func<MethodCall, MethodResult> handler) =>
        _methods[name] = new MethodDefinition(name, ScopeOf(name), IsAppOnly(name), handler);

    public MethodDefinition? Find(string name) => _methods.GetValueOrDefault(name);

    public static string? ScopeOf(string name) => name.Split('.')[0].ToLowerInvariant() switch
    {
        "crm" => "crm",
        "tasks" or "task" => "task",
        "im" => "im",
        "user" => "user",
        "department" => "department",
        "bizproc" => "bizproc",
        "placement" => "placement",
        _ => null,
    };

    public static bool IsAppOnly(string name) =>
        name.StartsWith("event.", StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith("bizproc.robot.", StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith("placement.", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(name, "app.info", StringComparison.OrdinalIgnoreCase);
}
