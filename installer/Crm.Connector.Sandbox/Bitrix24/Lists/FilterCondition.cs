using Crm.Connector.Sandbox.Bitrix24.Rest;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Lists;

/// <summary>
/// One filter entry: the stored field, the operator prefix (§8: <c>&gt;=, &gt;, &lt;=, &lt;, =, !=, !, @, !@, %</c>…) and
/// the value; the value is read once (its candidates for IN, its number) so a scan over many rows stays cheap.
/// </summary>
internal sealed record FilterCondition
{
    public FilterCondition(string field, string op, JToken value)
    {
        Field = field;
        Operator = op;
        Value = value;
        Negate = op.StartsWith('!');
        var core = Negate ? op[1..] : op;
        Core = core == "=" ? "" : core;
        Candidates = value is JArray list ? [.. list] : [value];
        Number = Params.AsDecimal(value);
        IsEmpty = value is JValue { Type: JTokenType.String or JTokenType.Null } text && string.IsNullOrEmpty((string?)text);
    }

    public string Field { get; }

    public string Operator { get; }

    public JToken Value { get; }

    /// <summary>The operator without its negation: "", "&gt;", "&gt;=", "&lt;", "&lt;=", "@", "%", "=%", "%=".</summary>
    public string Core { get; }

    public bool Negate { get; }

    public IReadOnlyList<JToken> Candidates { get; }

    /// <summary>The value as a number, when it is one.</summary>
    public decimal? Number { get; }

    public bool IsEmpty { get; }
}
