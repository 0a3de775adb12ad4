using Crm.Connector.Sandbox.OneC.Core;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.OneC.Query;

/// <summary>
/// The <c>$filter</c> subset of §1.4 the sandbox evaluates: <c>eq ne gt ge lt le and or not</c>, parentheses,
/// literals, <c>substringof</c>, <c>startswith</c>, <c>endswith</c> and <c>cast(guid'…', 'Catalog_X')</c> on header
/// properties. Anything else 1C supports (arithmetic, date parts, <c>any/all</c>, <c>Контрагент/ИНН</c> paths) is
/// refused with 400 code 14 here — a sandbox limit, not 1C's; a client needing it must be tested elsewhere.
/// </summary>
internal sealed class Filter
{
    private readonly List<FilterToken> _tokens;
    private readonly EntitySchema _schema;
    private int _next;

    private Filter(List<FilterToken> tokens, EntitySchema schema)
    {
        _tokens = tokens;
        _schema = schema;
    }

    /// <summary>Parses <paramref name="text"/> against <paramref name="schema"/>; a bad filter throws code 14 before any row is read.</summary>
    public static Func<JObject, bool> Parse(string text, EntitySchema schema)
    {
        var parser = new Filter(FilterLexer.Tokenize(text), schema);
        var expression = parser.Or();
        if (parser.Peek.Kind != FilterTokenKind.End)
        {
            throw ODataException.Query($"Лишний текст в $filter: '{parser.Peek.Text}'");
        }

        return entity => expression(entity) is true;
    }

    private FilterToken Peek => _tokens[_next];

    private FilterToken Take() => _tokens[_next++];

    private bool TakeWord(string word)
    {
        if (Peek.Kind == FilterTokenKind.Word && string.Equals(Peek.Text, word, StringComparison.Ordinal))
        {
            _next++;
            return true;
        }

        return false;
    }

    private void Expect(FilterTokenKind kind)
    {
        if (Take().Kind != kind)
        {
            throw ODataException.Query($"Ошибка синтаксиса $filter: ожидалось {kind}");
        }
    }

    private Func<JObject, object?> Or()
    {
        var left = And();
        while (TakeWord("or"))
        {
            var (l, r) = (left, And());
            left = e => Bool(l(e)) || Bool(r(e));
        }

        return left;
    }

    private Func<JObject, object?> And()
    {
        var left = Unary();
        while (TakeWord("and"))
        {
            var (l, r) = (left, Unary());
            left = e => Bool(l(e)) && Bool(r(e));
        }

        return left;
    }

    private Func<JObject, object?> Unary()
    {
        if (TakeWord("not"))
        {
            var operand = Unary();
            return e => !Bool(operand(e));
        }

        return Comparison();
    }

    private Func<JObject, object?> Comparison()
    {
        var left = Operand();
        if (Peek.Kind == FilterTokenKind.Word && Peek.Text is "eq" or "ne" or "gt" or "ge" or "lt" or "le")
        {
            var op = Take().Text;
            var right = Operand();
            return e => Compare(op, left(e), right(e));
        }

        return left;
    }

    private Func<JObject, object?> Operand()
    {
        var token = Take();
        switch (token.Kind)
        {
            case FilterTokenKind.Open:
                var inner = Or();
                Expect(FilterTokenKind.Close);
                return inner;
            case FilterTokenKind.Literal:
                var value = token.Value;
                return _ => value;
            case FilterTokenKind.Word when Peek.Kind == FilterTokenKind.Open:
                return Function(token.Text);
            case FilterTokenKind.Word:
                return Field(token.Text);
            default:
                throw ODataException.Query($"Ошибка синтаксиса $filter около '{token.Text}'");
        }
    }

    private Func<JObject, object?> Field(string name)
    {
        if (!_schema.Fields.TryGetValue(name, out var type))
        {
            throw ODataException.Query($"Неизвестное свойство '{name}' сущности {_schema.Name}");
        }

        return e => Values.Read(e, name, type);
    }

    private Func<JObject, object?> Function(string name)
    {
        Expect(FilterTokenKind.Open);
        var args = new List<Func<JObject, object?>>();
        if (Peek.Kind != FilterTokenKind.Close)
        {
            args.Add(Or());
            while (Peek.Kind == FilterTokenKind.Comma)
            {
                _next++;
                args.Add(Or());
            }
        }

        Expect(FilterTokenKind.Close);
        return (name, args.Count) switch
        {
            // 1C compares strings in queries without regard to case (UNCONFIRMED per DBMS collation); the sandbox does too.
            ("substringof", 2) => e => Text(args[1](e)).Contains(Text(args[0](e)), StringComparison.OrdinalIgnoreCase),
            ("startswith", 2) => e => Text(args[0](e)).StartsWith(Text(args[1](e)), StringComparison.OrdinalIgnoreCase),
            ("endswith", 2) => e => Text(args[0](e)).EndsWith(Text(args[1](e)), StringComparison.OrdinalIgnoreCase),
            ("cast", 2) => Cast(args[0], args[1]),
            _ => throw ODataException.Query($"Функция '{name}' с {args.Count} аргументами не поддерживается"),
        };
    }

    private static Func<JObject, object?> Cast(Func<JObject, object?> key, Func<JObject, object?> type) => e =>
        key(e) is Guid guid && type(e) is string name
            ? new CastValue(guid, "StandardODATA." + name)
            : throw ODataException.Query("cast() ожидает guid'…' и имя типа в кавычках");

    private static bool Compare(string op, object? left, object? right)
    {
        if (op is "eq" or "ne")
        {
            var equal = Equal(left, right);
            return op == "eq" ? equal : !equal;
        }

        if (left is null || right is null)
        {
            return false;
        }

        var order = (left, right) switch
        {
            (string l, string r) => string.Compare(l, r, StringComparison.OrdinalIgnoreCase),
            (decimal l, decimal r) => l.CompareTo(r),
            (DateTime l, DateTime r) => l.CompareTo(r),
            (Guid l, Guid r) => l.CompareTo(r),
            _ => throw Mismatch(left, right),
        };
        return op switch
        {
            "gt" => order > 0,
            "ge" => order >= 0,
            "lt" => order < 0,
            _ => order <= 0,
        };
    }

    private static bool Equal(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        // §1.3 / 17.4.5.2: a composite attribute matches only a cast() of the same type; a bare guid'…' matches nothing.
        (CompositeValue c, CastValue k) => Matches(c, k),
        (CastValue k, CompositeValue c) => Matches(c, k),
        (CompositeValue, Guid) or (Guid, CompositeValue) => false,
        (Guid g, CastValue k) => g == k.Key,
        (CastValue k, Guid g) => g == k.Key,
        (string l, string r) => string.Equals(l, r, StringComparison.OrdinalIgnoreCase),
        (decimal l, decimal r) => l == r,
        (DateTime l, DateTime r) => l == r,
        (Guid l, Guid r) => l == r,
        (bool l, bool r) => l == r,
        _ => throw Mismatch(left, right),
    };

    private static bool Matches(CompositeValue composite, CastValue cast) =>
        composite.Key == cast.Key && string.Equals(composite.Type, cast.Type, StringComparison.Ordinal);

    /// <summary>
    /// Comparing, say, a string property with a number: 1C's query would fail; the sandbox refuses the filter (400 code 14)
    /// rather than silently matching nothing, so a client's wrong literal shows up in tests. Decision, UNCONFIRMED.
    /// </summary>
    private static ODataException Mismatch(object left, object right) =>
        ODataException.Query($"Несовместимые типы в сравнении: {left.GetType().Name} и {right.GetType().Name}");

    private static bool Bool(object? value) => value switch
    {
        bool b => b,
        null => false,
        _ => throw ODataException.Query("Ожидалось логическое выражение"),
    };

    private static string Text(object? value) => value switch
    {
        string s => s,
        null => "",
        _ => throw ODataException.Query("Ожидалась строка"),
    };
}
