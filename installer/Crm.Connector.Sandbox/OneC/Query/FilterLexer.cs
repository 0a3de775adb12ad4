using System.Globalization;
using System.Text;
using Crm.Connector.Sandbox.OneC.Core;

namespace Crm.Connector.Sandbox.OneC.Query;

/// <summary>One token of a <c>$filter</c>: a word (name, operator, keyword), a literal, or punctuation.</summary>
internal sealed record FilterToken(FilterTokenKind Kind, string Text, object? Value = null);

/// <summary>What a <see cref="FilterToken"/> is.</summary>
internal enum FilterTokenKind
{
    Word,
    Literal,
    Open,
    Close,
    Comma,
    End,
}

/// <summary>
/// Splits an already percent-decoded <c>$filter</c> into tokens. Literals follow §1.3: <c>'str'</c> with <c>''</c> for a
/// quote, <c>guid'…'</c>, <c>datetime'…'</c>, numbers, <c>true</c>/<c>false</c>/<c>null</c>. Only a space separates
/// tokens: a <c>+</c> is not a space here, so a client that form-encodes spaces gets 400 code 14, as §1.7 reports of 1C.
/// </summary>
internal static class FilterLexer
{
    public static List<FilterToken> Tokenize(string text)
    {
        var tokens = new List<FilterToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ' ')
            {
                i++;
            }
            else if (c == '(')
            {
                tokens.Add(new FilterToken(FilterTokenKind.Open, "("));
                i++;
            }
            else if (c == ')')
            {
                tokens.Add(new FilterToken(FilterTokenKind.Close, ")"));
                i++;
            }
            else if (c == ',')
            {
                tokens.Add(new FilterToken(FilterTokenKind.Comma, ","));
                i++;
            }
            else if (c == '\'')
            {
                tokens.Add(new FilterToken(FilterTokenKind.Literal, "'", ReadQuoted(text, ref i)));
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                tokens.Add(ReadWord(text, ref i));
            }
            else
            {
                throw ODataException.Query($"Неожиданный символ '{c}' в позиции {i + 1}");
            }
        }

        tokens.Add(new FilterToken(FilterTokenKind.End, ""));
        return tokens;
    }

    /// <summary>A number literal (optionally signed, with a decimal point) starting at <paramref name="i"/>.</summary>
    private static FilterToken ReadNumber(string text, ref int i)
    {
        var start = i++;
        while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        var number = text[start..i];
        if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw ODataException.Query($"Неверное число: {number}");
        }

        return new FilterToken(FilterTokenKind.Literal, number, value);
    }

    /// <summary>A word starting at <paramref name="i"/>: a field or function name, <c>true</c>/<c>false</c>/<c>null</c>, or a <c>guid'…'</c>/<c>datetime'…'</c> literal.</summary>
    private static FilterToken ReadWord(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '/'))
        {
            i++;
        }

        var word = text[start..i];
        if (i < text.Length && text[i] == '\'' && word is "guid" or "datetime")
        {
            var raw = ReadQuoted(text, ref i);
            return new FilterToken(FilterTokenKind.Literal, word, word == "guid" ? ParseGuid(raw) : ParseDate(raw));
        }

        return word switch
        {
            "true" or "false" => new FilterToken(FilterTokenKind.Literal, word, word == "true"),
            "null" => new FilterToken(FilterTokenKind.Literal, word),
            _ => new FilterToken(FilterTokenKind.Word, word),
        };
    }

    /// <summary>Reads <c>'…'</c> starting at the opening quote; <c>''</c> inside is one quote.</summary>
    private static string ReadQuoted(string text, ref int i)
    {
        var value = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length)
            {
                throw ODataException.Query("Незакрытая строковая константа");
            }

            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }

                i++;
                return value.ToString();
            }

            value.Append(text[i++]);
        }
    }

    private static Guid ParseGuid(string raw) =>
        Guid.TryParseExact(raw, "D", out var guid) ? guid : throw ODataException.Query($"Неверный GUID: {raw}");

    private static DateTime ParseDate(string raw) =>
        Values.TryParseDate(raw, out var date) ? date : throw ODataException.Query($"Неверная дата: {raw}");
}
