using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Tests.Unit;

/// <summary>Query strings as PHP's http_build_query writes them (bitrix24-rest.md §10).</summary>
public sealed class PhpQueryTests
{
    [Theory]
    [InlineData("{\"id\": 5}", "id=5")]
    [InlineData("{\"fields\": {\"TITLE\": \"Сделка 1\"}}", "fields%5BTITLE%5D=%D0%A1%D0%B4%D0%B5%D0%BB%D0%BA%D0%B0%201")]
    [InlineData("{\"filter\": {\">ID\": 100}, \"start\": -1}", "filter%5B%3EID%5D=100&start=-1")]
    [InlineData("{\"select\": [\"ID\", \"UF_*\"]}", "select%5B0%5D=ID&select%5B1%5D=UF_%2A")]
    [InlineData("{\"a\": true, \"b\": false}", "a=Y&b=N")]
    [InlineData("{\"a\": null, \"b\": [], \"c\": {}, \"d\": \"\"}", "d=")]
    [InlineData("{\"amount\": 1234.25}", "amount=1234.25")]
    [InlineData("{\"f\": {\"LIST\": [{\"VALUE\": \"a&b\", \"XML_ID\": \"A\"}]}}", "f%5BLIST%5D%5B0%5D%5BVALUE%5D=a%26b&f%5BLIST%5D%5B0%5D%5BXML_ID%5D=A")]
    [InlineData("{\"filter\": {\">ID\": \"$result[p0][49][ID]\"}}", "filter%5B%3EID%5D=%24result%5Bp0%5D%5B49%5D%5BID%5D")]
    public void Encode_Parameters_WritesPhpBracketQuery(string json, string expected)
    {
        Assert.Equal(expected, PhpQuery.Encode(JObject.Parse(json)));
    }

    [Fact]
    public void Encode_Nothing_IsEmpty()
    {
        Assert.Equal(string.Empty, PhpQuery.Encode(null));
    }
}
