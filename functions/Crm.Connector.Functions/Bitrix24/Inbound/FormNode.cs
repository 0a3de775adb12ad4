using System.Globalization;

namespace Crm.Connector.Functions.Bitrix24.Inbound;

/// <summary>A value or a branch of named children in a <see cref="FormBody"/>.</summary>
public sealed class FormNode
{
    private FormNode(string? value, Dictionary<string, FormNode>? children)
    {
        Value = value;
        Children = children ?? new Dictionary<string, FormNode>(StringComparer.Ordinal);
    }

    public bool IsValue => Value is not null;

    public string? Value { get; }

    public Dictionary<string, FormNode> Children { get; }

    internal static FormNode Leaf(string value) => new(value, null);

    internal static FormNode Branch() => new(null, new Dictionary<string, FormNode>(StringComparer.Ordinal));

    /// <summary>The index <c>[]</c> appends at: one past the largest integer key.</summary>
    internal string NextIndex()
    {
        var max = -1;
        foreach (var key in Children.Keys)
        {
            if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                max = Math.Max(max, index);
            }
        }

        return (max + 1).ToString(CultureInfo.InvariantCulture);
    }
}
