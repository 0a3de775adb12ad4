using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Invocation;
using Crm.Connector.Functions.LocalHost;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.Unit;

/// <summary>The custom-handler wire details (azure-functions-custom-handler.md §4.2, §5.2, §5.4) and small rules around them.</summary>
public sealed class HostingProtocolTests
{
    [Theory]
    [InlineData("\"\\\"hello\\\"\"", "hello")]
    [InlineData("\"hello\"", "hello")]
    [InlineData("\"\\\"{\\\\\\\"a\\\\\\\":1}\\\"\"", "{\"a\":1}")]
    [InlineData("\"\\\"broken\"", "\"broken")]
    public void EnvelopeString_DoubleEncodedOrPlain_IsDecodedOnce(string json, string expected) =>
        Assert.Equal(expected, EnvelopeValues.ReadString(JToken.Parse(json)));

    [Theory]
    [InlineData("\"1\"", 1L)]
    [InlineData("1", 1L)]
    [InlineData("\"\\\"7\\\"\"", 7L)]
    [InlineData("\"x\"", null)]
    public void EnvelopeLong_AnyEncoding_IsRead(string json, long? expected) =>
        Assert.Equal(expected, EnvelopeValues.ReadLong(JToken.Parse(json)));

    [Fact]
    public void QueueOutput_ArrayOfJsonStrings_IsOneMessageEach()
    {
        var messages = QueueOutputConverter.ToMessages(new JArray("{\"kind\":\"drain\"}", "{\"kind\":\"drain\",\"memberId\":\"m\"}"));

        Assert.Equal(["{\"kind\":\"drain\"}", "{\"kind\":\"drain\",\"memberId\":\"m\"}"], messages);
    }

    [Theory]
    [InlineData("\"hello\"", "hello")]
    [InlineData("true", "True")]
    [InlineData("100", "100")]
    [InlineData("\"[\\\"a\\\",\\\"b\\\"]\"", "a|b")]
    public void QueueOutput_AsTheHostConvertsIt(string json, string expected) =>
        Assert.Equal(expected.Split('|'), QueueOutputConverter.ToMessages(JToken.Parse(json)));

    [Fact]
    public void QueueOutput_StringThatIsValidBase64_IsDecodedFirst() =>
        Assert.NotEqual("done", Assert.Single(QueueOutputConverter.ToMessages(new JValue("done"))));

    [Fact]
    public void QueueOutput_ObjectString_IsOneIndentedMessage()
    {
        var message = Assert.Single(QueueOutputConverter.ToMessages(new JValue("{\"a\":1}")));

        Assert.Equal(new JObject { ["a"] = 1 }.ToString(Newtonsoft.Json.Formatting.Indented), message);
    }

    [Fact]
    public void HttpOutput_RoundTrip_KeepsStatusBodyAndType()
    {
        var output = HttpOutput.Error(413, "TOO_LARGE", "big");

        var read = HttpOutput.From(output.ToJson());

        Assert.Equal(output, read);
        Assert.DoesNotContain(read.ToJson()["headers"]!.Children<JProperty>(), p => p.Value.Type == JTokenType.Null);
    }

    [Fact]
    public void HttpRequest_FromEnvelope_ReadsHeadersCaseInsensitivelyAndParams()
    {
        var request = HttpRequestData.From(new InvocationRequest
        {
            FunctionName = "f",
            Data = JObject.Parse("""{"req":{"Url":"https://app/api/bitrix24/robots/x?a=1","Method":"POST","Query":{"a":"1"},"Headers":{"content-type":["application/x-www-form-urlencoded"]},"Params":{"code":"x"},"Body":"k=v"}}"""),
        });

        Assert.Equal("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Equal(("x", "k=v", "1"), (request.Params["code"], request.Body, request.Query["a"]));
    }

    [Fact]
    public void HttpRequest_NotAnObject_IsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => HttpRequestData.From(new InvocationRequest { FunctionName = "f", Data = new JObject { ["req"] = "x" } }));

    [Theory]
    [InlineData("0 * * * * *", "2026-11-22T10:00:30Z", "2026-11-22T10:01:00Z")]
    [InlineData("0 */10 * * * *", "2026-11-22T10:00:00Z", "2026-11-22T10:10:00Z")]
    [InlineData("30 15 9 1 * *", "2026-11-22T10:00:00Z", "2026-12-01T09:15:30Z")]
    [InlineData("0 0 12 * * 1-5", "2026-11-21T13:00:00Z", "2026-11-23T12:00:00Z")]
    [InlineData("0 0 0 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    public void Ncrontab_Next_IsTheFirstMatchAfter(string schedule, string after, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), NcrontabSchedule.Parse(schedule).Next(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("* * * * *", "six")]
    [InlineData("60 * * * * *", "second")]
    [InlineData("0 0 25 * * *", "hour")]
    [InlineData("0 0 0 5-1 * *", "backwards")]
    public void Ncrontab_Bad_NamesTheField(string schedule, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => NcrontabSchedule.Parse(schedule)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("acme.bitrix24.ru", true)]
    [InlineData("ACME.Bitrix24.RU", true)]
    [InlineData("bitrix24.ru", false)]
    [InlineData("acme.bitrix24.ru.evil.com", false)]
    [InlineData("evil.com", false)]
    [InlineData("acme.bitrix24.ru:8443", false)]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("acme.bitrix24.ru/../x", false)]
    public void PortalDomains_OnlyConfiguredHosts(string domain, bool allowed) =>
        Assert.Equal(allowed, PortalDomains.IsAllowed(domain, ["*.bitrix24.ru", "127.0.0.1:5000"]));
}
