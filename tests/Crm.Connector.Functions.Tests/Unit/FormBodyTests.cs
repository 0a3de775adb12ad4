using System.Text;
using Crm.Connector.Functions.Bitrix24.Inbound;

namespace Crm.Connector.Functions.Tests.Unit;

/// <summary>PHP bracket forms (bitrix24-rest.md §0.3) read defensively.</summary>
public sealed class FormBodyTests
{
    [Fact]
    public void Parse_EventForm_ReadsNestedKeys()
    {
        var form = FormBody.Parse("event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=759&auth%5Bmember_id%5D=a223&ts=1736405807");

        Assert.Equal("ONCRMDEALUPDATE", form.Get("event"));
        Assert.Equal("759", form.Get("data", "FIELDS", "ID"));
        Assert.Equal("a223", form.Get("auth", "member_id"));
        Assert.Null(form.Get("auth", "application_token"));
        Assert.Null(form.Get("data", "FIELDS"));
    }

    [Fact]
    public void Parse_AppendAndIndexes_BuildLists()
    {
        var form = FormBody.Parse("document_id[]=crm&document_id[]=CCrmDocumentDeal&document_id[]=DEAL_42&properties[a]=1&properties[b]=x+y");

        Assert.Equal("DEAL_42", form.Get("document_id", "2"));
        Assert.Equal(["a", "b"], form.Children("properties").Keys.Order(StringComparer.Ordinal));
        Assert.Equal("x y", form.Get("properties", "b"));
    }

    [Fact]
    public void Parse_LaterKeyReplacesEarlier_AsInPhp()
    {
        var form = FormBody.Parse("a=1&a[b]=2&c[d]=3&c=4");

        Assert.Equal("2", form.Get("a", "b"));
        Assert.Equal("4", form.Get("c"));
    }

    [Theory]
    [InlineData("a[b=1", "unclosed bracket")]
    [InlineData("a[b]c=1", "text after its brackets")]
    [InlineData("=1", "empty name")]
    [InlineData("a[1][2][3][4][5][6][7][8][9]=1", "nested deeper")]
    [InlineData("a%00b=1", "NUL")]
    public void Parse_Malformed_SaysWhat(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FormBody.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyFields_IsRefused()
    {
        var text = string.Join('&', Enumerable.Range(0, FormBody.MaxPairs + 1).Select(i => $"k{i}=v"));

        Assert.Throws<FormatException>(() => FormBody.Parse(text));
    }

    [Fact]
    public void Parse_BadEscapesAndInvalidUtf8_AreKeptAsText()
    {
        var form = FormBody.Parse("a=%ZZ%&b=%C3%28");

        Assert.Equal("%ZZ%", form.Get("a"));
        Assert.NotNull(form.Get("b"));
    }

    /// <summary>Random bracket keys, escapes, separators and lengths: the parser either reads it or says why — nothing else.</summary>
    [Fact]
    public void Parse_RandomInput_OnlyEverThrowsFormatException()
    {
        var random = new Random(20261122);
        const string alphabet = "ab[]=&%2F%5B%5D%00%ZZ+é\u00ff0123456789_-.";
        for (var run = 0; run < 20_000; run++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, run % 100 == 0 ? 5000 : 80);
            for (var i = 0; i < length; i++)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            try
            {
                var form = FormBody.Parse(text.ToString());
                _ = form.Get("a", "b");
            }
            catch (FormatException)
            {
                // A refusal with a reason is a fine outcome.
            }
        }
    }
}
