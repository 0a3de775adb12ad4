using System.Globalization;

namespace Crm.Connector.OneC.Query;

/// <summary>
/// A <c>$filter</c> expression of 1C's OData v3 dialect (1C doc 17.4.5), unencoded. Comparisons and functions are atoms;
/// <c>and</c> binds tighter than <c>or</c>, and an operand is put in parentheses only when it binds looser than its
/// operator, so <c>ИНН eq '…' and IsFolder eq false</c> stays as 1C's own examples write it.
/// </summary>
public sealed class ODataFilter
{
    private const int OrLevel = 1;
    private const int AndLevel = 2;
    private const int AtomLevel = 3;

    private ODataFilter(string text, int level)
    {
        Text = text;
        Level = level;
    }

    /// <summary>The expression as 1C reads it, before URL encoding.</summary>
    public string Text { get; }

    private int Level { get; }

    /// <summary><c>field eq value</c>.</summary>
    public static ODataFilter Eq(string field, ODataLiteral value) => Compare(field, "eq", value);

    /// <summary><c>field ne value</c>.</summary>
    public static ODataFilter Ne(string field, ODataLiteral value) => Compare(field, "ne", value);

    /// <summary><c>field gt value</c>.</summary>
    public static ODataFilter Gt(string field, ODataLiteral value) => Compare(field, "gt", value);

    /// <summary><c>field ge value</c>.</summary>
    public static ODataFilter Ge(string field, ODataLiteral value) => Compare(field, "ge", value);

    /// <summary><c>field lt value</c>.</summary>
    public static ODataFilter Lt(string field, ODataLiteral value) => Compare(field, "lt", value);

    /// <summary><c>field le value</c>.</summary>
    public static ODataFilter Le(string field, ODataLiteral value) => Compare(field, "le", value);

    /// <summary>
    /// A composite-type reference compared through <c>cast</c>: <c>field eq cast(guid'…', 'Catalog_Контрагенты')</c>. 1C
    /// answers <c>field eq guid'…'</c> on a composite field with nothing at all (1C doc 17.4.5.2).
    /// </summary>
    /// <param name="field">The composite field, e.g. <c>Контрагент</c> (not <c>Контрагент_Key</c>).</param>
    /// <param name="refKey">The referenced object's <c>Ref_Key</c>.</param>
    /// <param name="entityTypeName">Its entity set name, e.g. <c>Catalog_Контрагенты</c>.</param>
    public static ODataFilter EqRef(string field, Guid refKey, string entityTypeName) =>
        Atom($"{Field(field)} eq cast({ODataLiteral.Of(refKey).Text}, {ODataLiteral.Of(entityTypeName).Text})");

    /// <summary><c>substringof('text', field)</c>: the field contains the text.</summary>
    public static ODataFilter SubstringOf(string text, string field) => Atom($"substringof({ODataLiteral.Of(text).Text}, {Field(field)})");

    /// <summary>Both: <c>a and b</c>.</summary>
    public static ODataFilter And(ODataFilter left, ODataFilter right) => Binary(left, "and", right, AndLevel);

    /// <summary>Either: <c>a or b</c>.</summary>
    public static ODataFilter Or(ODataFilter left, ODataFilter right) => Binary(left, "or", right, OrLevel);

    /// <summary>All of them joined with <c>and</c>.</summary>
    public static ODataFilter All(ODataFilter first, params ODataFilter[] rest)
    {
        ArgumentNullException.ThrowIfNull(rest);
        return rest.Aggregate(first, And);
    }

    /// <summary>The negation: <c>not (a)</c>.</summary>
    public static ODataFilter Not(ODataFilter operand)
    {
        ArgumentNullException.ThrowIfNull(operand);
        return Atom("not (" + operand.Text + ")");
    }

    /// <summary>The expression text.</summary>
    public override string ToString() => Text;

    private static ODataFilter Compare(string field, string op, ODataLiteral value) =>
        Atom(string.Create(CultureInfo.InvariantCulture, $"{Field(field)} {op} {value.Text}"));

    private static ODataFilter Binary(ODataFilter left, string op, ODataFilter right, int level)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(Wrap(left, level) + " " + op + " " + Wrap(right, level), level);
    }

    private static string Wrap(ODataFilter operand, int level) => operand.Level < level ? "(" + operand.Text + ")" : operand.Text;

    private static ODataFilter Atom(string text) => new(text, AtomLevel);

    private static string Field(string field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        return field;
    }
}
