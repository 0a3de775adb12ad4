namespace Crm.Connector.Testing.WorkerHost;

/// <summary>A value the worker returned for an output binding or as the return value.</summary>
/// <param name="Name">The binding name (<c>$return</c> for the return value).</param>
/// <param name="Kind">How the worker encoded it.</param>
/// <param name="Items">
/// The value as text: one item for a single value (bytes as UTF-8), one per element for a collection, none for null.
/// </param>
public sealed record InvocationOutput(string Name, TypedValueKind Kind, IReadOnlyList<string> Items)
{
    /// <summary>The single value as text, or null when there is none or several.</summary>
    public string? Text => Items.Count == 1 ? Items[0] : null;
}
