using Crm.Connector.OneC.Query;

namespace Crm.Connector.OneC.Tests;

public sealed class ODataQueryTests
{
    [Fact]
    public void ToRelativeUrl_CyrillicSetAndFilter_PercentEncodesUtf8WithSpacesAsPercent20()
    {
        var query = new ODataQuery("Catalog_Контрагенты")
            .Select("Ref_Key", "ИНН")
            .Where(ODataFilter.All(
                ODataFilter.Eq("ИНН", ODataLiteral.Of("7701234567")),
                ODataFilter.Eq("IsFolder", ODataLiteral.Of(false))))
            .Ordered("Ref_Key")
            .Page(500, 1000);

        Assert.Equal(
            "Catalog_%D0%9A%D0%BE%D0%BD%D1%82%D1%80%D0%B0%D0%B3%D0%B5%D0%BD%D1%82%D1%8B?$format=json;odata=nometadata"
                + "&$select=Ref_Key%2C%D0%98%D0%9D%D0%9D"
                + "&$filter=%D0%98%D0%9D%D0%9D%20eq%20'7701234567'%20and%20IsFolder%20eq%20false"
                + "&$orderby=Ref_Key&$top=500&$skip=1000",
            query.ToRelativeUrl());
        Assert.DoesNotContain("+", query.ToRelativeUrl(), StringComparison.Ordinal);
    }

    [Fact]
    public void StringLiteral_WithQuote_DoublesIt()
    {
        Assert.Equal("'ООО ''Ромашка'''", ODataLiteral.Of("ООО 'Ромашка'").Text);
        Assert.Equal("Description eq 'O''Brien'", ODataFilter.Eq("Description", ODataLiteral.Of("O'Brien")).Text);
    }

    [Fact]
    public void Component_ReservedCharacters_EncodedLikeEncodeUriComponent()
    {
        Assert.Equal("a%20b%2Bc%26d%3De'(x)!*~-_.", ODataEncoding.Component("a b+c&d=e'(x)!*~-_."));
    }

    [Fact]
    public void Literals_GuidDateDecimalBool_InOneCSyntaxAndInvariantCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("ru-RU");
        try
        {
            Assert.Equal("guid'3f2b0c1e-0000-4000-8000-00000000000a'", ODataLiteral.Of(Guid.Parse("3f2b0c1e-0000-4000-8000-00000000000a")).Text);
            Assert.Equal("datetime'2024-01-05T09:07:03'", ODataLiteral.Of(new DateTime(2024, 1, 5, 9, 7, 3, 450, DateTimeKind.Utc)).Text);
            Assert.Equal("12000.50", ODataLiteral.Of(12000.50m).Text);
            Assert.Equal("-42", ODataLiteral.Of(-42).Text);
            Assert.Equal("true", ODataLiteral.Of(true).Text);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void EqRef_CompositeField_UsesCast()
    {
        var filter = ODataFilter.EqRef("Контрагент", Guid.Parse("11111111-2222-4333-8444-555555555555"), "Catalog_Контрагенты");
        Assert.Equal("Контрагент eq cast(guid'11111111-2222-4333-8444-555555555555', 'Catalog_Контрагенты')", filter.Text);
    }

    [Fact]
    public void Operators_NestedOrInsideAnd_Parenthesised()
    {
        var a = ODataFilter.Gt("Сумма", ODataLiteral.Of(10));
        var b = ODataFilter.Le("Сумма", ODataLiteral.Of(20));
        var c = ODataFilter.Ne("Posted", ODataLiteral.Of(true));
        var d = ODataFilter.Lt("Date", ODataLiteral.Of(new DateTime(2024, 2, 1)));
        Assert.Equal("(Сумма gt 10 or Сумма le 20) and Posted ne true", ODataFilter.And(ODataFilter.Or(a, b), c).Text);
        Assert.Equal("Сумма gt 10 and Сумма le 20 or Date lt datetime'2024-02-01T00:00:00'", ODataFilter.Or(ODataFilter.And(a, b), d).Text);
        Assert.Equal("not (Posted ne true)", ODataFilter.Not(c).Text);
        Assert.Equal("substringof('[crm:deal:4711]', Комментарий)", ODataFilter.SubstringOf("[crm:deal:4711]", "Комментарий").Text);
        Assert.Equal("Date ge datetime'2024-02-01T00:00:00'", ODataFilter.Ge("Date", ODataLiteral.Of(new DateTime(2024, 2, 1))).Text);
    }

    [Fact]
    public void EntityKeyAndPostAction_KeyInGuidLiteral()
    {
        var key = Guid.Parse("0a0b0c0d-0000-4000-8000-000000000001");
        Assert.Equal("Document_%D0%A1%D1%87%D0%B5%D1%82(guid'0a0b0c0d-0000-4000-8000-000000000001')", ODataQuery.EntityKey("Document_Счет", key));
        Assert.Equal(
            "Document_%D0%A1%D1%87%D0%B5%D1%82(guid'0a0b0c0d-0000-4000-8000-000000000001')/Post?PostingModeOperational=false",
            ODataQuery.PostAction("Document_Счет", key));
    }

    [Theory]
    [InlineData("https://host/buh", "https://host/buh/odata/standard.odata/")]
    [InlineData("https://host/buh/", "https://host/buh/odata/standard.odata/")]
    [InlineData("https://host/buh/odata/standard.odata", "https://host/buh/odata/standard.odata/")]
    [InlineData("https://host/buh/odata/standard.odata/", "https://host/buh/odata/standard.odata/")]
    [InlineData("http://host:8080/", "http://host:8080/odata/standard.odata/")]
    public void OneCConnection_AnyForm_NormalisedToServiceRoot(string given, string expected)
    {
        Assert.Equal(expected, new OneCConnection(new Uri(given), "u", "p").ServiceRoot.AbsoluteUri);
    }

    [Fact]
    public void OneCConnection_ToString_HasNoPassword()
    {
        var text = new OneCConnection(new Uri("https://host/buh"), "Администратор", "s3cr3t-pw").ToString();
        Assert.DoesNotContain("s3cr3t-pw", text, StringComparison.Ordinal);
        Assert.Contains("Администратор", text, StringComparison.Ordinal);
    }
}
