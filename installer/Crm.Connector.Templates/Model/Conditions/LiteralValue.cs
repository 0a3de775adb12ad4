using System.Globalization;

namespace Crm.Connector.Templates.Model.Conditions;

/// <summary>
/// A constant written in a template: a string (for list fields, an item code), a number or a boolean. Numbers keep
/// their invariant text so that no precision is lost.
/// </summary>
public sealed record LiteralValue(LiteralKind Kind, string Text)
{
    public static LiteralValue Of(string text) => new(LiteralKind.String, text);

    public static LiteralValue Of(decimal number) => new(LiteralKind.Number, number.ToString(CultureInfo.InvariantCulture));

    public static LiteralValue Of(bool flag) => new(LiteralKind.Boolean, flag ? "true" : "false");

    /// <summary>The number, when this literal is one.</summary>
    public decimal? AsNumber() =>
        Kind == LiteralKind.Number && decimal.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>The boolean, when this literal is one.</summary>
    public bool? AsBoolean() => Kind == LiteralKind.Boolean ? Text == "true" : null;

    public override string ToString() => Text;
}
