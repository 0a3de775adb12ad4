namespace Crm.Connector.Sandbox.Tests.Infrastructure;

/// <summary>A form of a portal page: where it posts, into which frame, its hidden fields.</summary>
internal sealed record PageForm(string Id, Uri Action, string Target, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    /// <summary>The value of field <paramref name="name"/>, or null.</summary>
    public string? this[string name] => Fields.Where(f => f.Key == name).Select(f => f.Value).FirstOrDefault();

    /// <summary>The value of query parameter <paramref name="name"/> of the action, or null.</summary>
    public string? Query(string name) =>
        Action.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == name).Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault();
}
