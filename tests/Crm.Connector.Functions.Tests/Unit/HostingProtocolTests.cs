using System.Text;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Handlers;
using Crm.Connector.Functions.Http;
using Crm.Connector.Functions.LocalHost;
using Microsoft.AspNetCore.Http;

namespace Crm.Connector.Functions.Tests.Unit;

/// <summary>The edges of the functions that need no host: reading a request with a limit, route values, schedules, allowed hosts.</summary>
public sealed class HostingProtocolTests
{
    [Fact]
    public async Task InboundRequest_BodyAtTheLimit_IsReadWithHeadersAndUrl()
    {
        var request = Request("/api/bitrix24/events", "?a=1", "k=v".PadRight(64, 'x'), declareLength: true);

        var (read, refusal) = await InboundRequest.ReadAsync(request, 64, CancellationToken.None);

        Assert.Null(refusal);
        Assert.Equal(("application/x-www-form-urlencoded", 64, "?a=1"), (read!.Header("content-TYPE"), read.Body.Length, read.Url.Query));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InboundRequest_BodyOverTheLimit_Is413WhetherOrNotItsLengthWasDeclared(bool declareLength)
    {
        var (read, refusal) = await InboundRequest.ReadAsync(Request("/api/x", string.Empty, new string('x', 65), declareLength), 64, CancellationToken.None);

        Assert.Null(read);
        Assert.Equal((413, "TOO_LARGE"), (refusal!.StatusCode, Newtonsoft.Json.Linq.JObject.Parse(refusal.Body).Value<string>("error")));
    }

    [Fact]
    public async Task InboundRequest_BodyThatIsNotUtf8_Is400()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream([0x61, 0xC3, 0x28]);

        var (read, refusal) = await InboundRequest.ReadAsync(context.Request, 64, CancellationToken.None);

        Assert.Null(read);
        Assert.Equal(400, refusal!.StatusCode);
    }

    [Theory]
    [InlineData("/api/bitrix24/robots/crmc.score", "crmc.score")]
    [InlineData("/api/bitrix24/robots/crmc%2Einvoice", "crmc.invoice")]
    [InlineData("/api/bitrix24/robots/", null)]
    [InlineData("/api/bitrix24/robots/a/b", null)]
    [InlineData("/api/bitrix24/events", null)]
    public void RobotCode_IsTheLastSegmentOfTheRobotRoute(string path, string? expected) =>
        Assert.Equal(expected, Bitrix24RobotFunction.RobotCode(Request(path, string.Empty, string.Empty, declareLength: false)));

    [Theory]
    [InlineData("0 * * * * *", "2026-11-22T10:00:30Z", "2026-11-22T10:01:00Z")]
    [InlineData("0 */10 * * * *", "2026-11-22T10:00:00Z", "2026-11-22T10:10:00Z")]
    [InlineData("30 15 9 1 * *", "2026-11-22T10:00:00Z", "2026-12-01T09:15:30Z")]
    [InlineData("0 0 12 * * 1-5", "2026-11-21T13:00:00Z", "2026-11-23T12:00:00Z")]
    public void TimerSchedule_SixFields_NextIsTheFirstMatchAfter(string schedule, string after, string expected) =>
        Assert.Equal(
            DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal),
            LocalTimers.Parse(schedule).GetNextOccurrence(DateTime.Parse(after, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal)));

    [Theory]
    [InlineData("* * * * *")]
    [InlineData("60 * * * * *")]
    [InlineData("0 0 25 * * *")]
    public void TimerSchedule_NotSixFieldNcrontab_NamesTheExpression(string schedule) =>
        Assert.Contains($"'{schedule}' is not a six-field NCRONTAB", Assert.Throws<InvalidOperationException>(() => LocalTimers.Parse(schedule)).Message, StringComparison.Ordinal);

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

    private static HttpRequest Request(string path, string query, string body, bool declareLength)
    {
        var context = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Method = "POST";
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("app.example.com");
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = new MemoryStream(bytes);
        if (declareLength)
        {
            context.Request.ContentLength = bytes.Length;
        }

        return context.Request;
    }
}
