using Crm.Connector.Storage.Installations;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.EndToEnd;

/// <summary>The app installed on a sandbox portal, shared by the bad-input cases (they must not change it).</summary>
public sealed class InstalledApp : IAsyncLifetime
{
    public AppHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Harness = await AppHarness.StartAsync();
        await Harness.InstallAsync();
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}

/// <summary>
/// Malformed and forged requests to every endpoint of the running local host: each gets the documented 4xx, none
/// queues work, touches the installation or calls the portal, and a wrong token looks exactly like an unknown portal.
/// </summary>
public sealed class BadInputTests(InstalledApp app) : IClassFixture<InstalledApp>
{
    private const string Form = "application/x-www-form-urlencoded";
    private const string Events = "api/bitrix24/events";
    private const string Robot = "api/bitrix24/robots/crmc.admission_scoring";
    private const string Install = "api/bitrix24/install";

    /// <summary>Placeholders filled from the installed portal: {member}, {token}, {domain}.</summary>
    private const string Auth = "auth%5Bdomain%5D={domain}&auth%5Bmember_id%5D={member}&auth%5Bapplication_token%5D={token}";
    private const string DealEvent = "event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=1&ts=1700000000&";
    private const string RobotCall = "code=crmc.admission_scoring&document_id%5B0%5D=crm&document_id%5B1%5D=CCrmDocumentDeal&document_id%5B2%5D=DEAL_1&event_token=tok1&";

    private AppHarness Harness => app.Harness;

    public static TheoryData<string, string, string, string?, int> Cases => new()
    {
        // events
        { "event: no body", Events, string.Empty, Form, 400 },
        { "event: body over the limit", Events, DealEvent + Auth + "&pad=" + new string('x', 70_000), Form, 413 },
        { "event: JSON instead of a form", Events, "{\"event\":\"ONCRMDEALUPDATE\"}", "application/json", 415 },
        { "event: plain text", Events, DealEvent + Auth, "text/plain", 415 },
        { "event: no event name", Events, "data%5BFIELDS%5D%5BID%5D=1&ts=1&" + Auth, Form, 400 },
        { "event: an event the app does not handle", Events, "event=ONCRMTASKADD&data%5BFIELDS%5D%5BID%5D=1&ts=1&" + Auth, Form, 400 },
        { "event: no auth block", Events, DealEvent.TrimEnd('&'), Form, 400 },
        { "event: no application token", Events, DealEvent + "auth%5Bdomain%5D={domain}&auth%5Bmember_id%5D={member}", Form, 400 },
        { "event: wrong application token", Events, DealEvent + Auth.Replace("{token}", "forged-token", StringComparison.Ordinal), Form, 401 },
        { "event: token in another case", Events, DealEvent + Auth.Replace("{token}", "{TOKEN}", StringComparison.Ordinal), Form, 401 },
        { "event: unknown portal", Events, DealEvent + Auth.Replace("{member}", "0000nobody", StringComparison.Ordinal), Form, 401 },
        { "event: right token, another portal's member_id", Events, DealEvent + Auth.Replace("{member}", "{member}x", StringComparison.Ordinal), Form, 401 },
        { "event: negative item id", Events, "event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=-4&ts=1&" + Auth, Form, 400 },
        { "event: item id not a number", Events, "event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=abc&ts=1&" + Auth, Form, 400 },
        { "event: item id beyond 64 bits", Events, "event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=99999999999999999999999&ts=1&" + Auth, Form, 400 },
        { "event: ts not a number", Events, "event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=1&ts=yesterday&" + Auth, Form, 400 },
        { "event: unclosed bracket key", Events, "event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID=1&ts=1&" + Auth, Form, 400 },
        { "event: item id zero", Events, "event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=0&ts=1&" + Auth, Form, 400 },
        { "event: form-encoded but not a form", Events, "%%%&&&===", Form, 400 },
        { "event: broken percent-encoding", Events, "event=ONCRMDEAL%ZZUPDATE&data%5BFIELDS%5D%5BID%5D=1&ts=1&" + Auth, Form, 400 },
        { "event: NUL bytes and control characters", Events, "event=ONCRMDEALUPDATE%00&data%5BFIELDS%5D%5BID%5D=1%01&ts=1&" + Auth, Form, 400 },

        // robots
        { "robot: no body", Robot, string.Empty, Form, 400 },
        { "robot: body over the limit", Robot, RobotCall + Auth + "&pad=" + new string('x', 70_000), Form, 413 },
        { "robot: wrong application token", Robot, RobotCall + Auth.Replace("{token}", "forged-token", StringComparison.Ordinal), Form, 401 },
        { "robot: unknown portal", Robot, RobotCall + Auth.Replace("{member}", "0000nobody", StringComparison.Ordinal), Form, 401 },
        { "robot: code in the body differs from the route", "api/bitrix24/robots/other_robot", RobotCall + Auth, Form, 400 },
        { "robot: a robot the template does not have", "api/bitrix24/robots/unknown_robot", RobotCall.Replace("crmc.admission_scoring", "unknown_robot", StringComparison.Ordinal) + Auth, Form, 404 },
        { "robot: no event token", Robot, RobotCall.Replace("event_token=tok1&", string.Empty, StringComparison.Ordinal) + Auth, Form, 400 },
        { "robot: a task, not a CRM item", Robot, RobotCall.Replace("DEAL_1", "TASK_1", StringComparison.Ordinal) + Auth, Form, 400 },
        { "robot: JSON instead of a form", Robot, "{}", "application/json", 415 },

        // install
        { "install: no body", Install + "?DOMAIN={domain}", string.Empty, Form, 400 },
        { "install: no tokens", Install + "?DOMAIN={domain}", "member_id={member}&APPLICATION_TOKEN=x", Form, 400 },
        { "install: unreachable portal on an allowed domain", Install + "?DOMAIN={domain}&PROTOCOL=1", "AUTH_ID=a&REFRESH_ID=r&member_id={member}&APPLICATION_TOKEN=x&AUTH_EXPIRES=3600", Form, 502 },
        { "install: portal domain not served by this app", Install + "?DOMAIN=evil.example.com", "AUTH_ID=a&REFRESH_ID=r&member_id={member}&APPLICATION_TOKEN=x&AUTH_EXPIRES=3600", Form, 403 },
        { "install: forged tokens for the real portal", Install + "?DOMAIN={domain}&PROTOCOL=0", "AUTH_ID=forged&REFRESH_ID=forged&member_id={member}&APPLICATION_TOKEN=attacker&AUTH_EXPIRES=3600", Form, 401 },
        { "install: ONAPPINSTALL with forged tokens", Install, "event=ONAPPINSTALL&data%5BVERSION%5D=1&auth%5Baccess_token%5D=forged&auth%5Brefresh_token%5D=forged&auth%5Bexpires_in%5D=3600&auth%5Bclient_endpoint%5D=http%3A%2F%2F{domain}%2Frest%2F&" + Auth.Replace("{token}", "attacker", StringComparison.Ordinal), Form, 401 },
        { "install: ONAPPINSTALL whose REST endpoint is another host", Install, "event=ONAPPINSTALL&auth%5Baccess_token%5D=a&auth%5Brefresh_token%5D=r&auth%5Bexpires_in%5D=3600&auth%5Bclient_endpoint%5D=http%3A%2F%2Fevil.example.com%2Frest%2F&" + Auth, Form, 400 },
        { "install: ONAPPUNINSTALL with a wrong token", Install, "event=ONAPPUNINSTALL&data%5BCLEAN%5D=1&" + Auth.Replace("{token}", "forged-token", StringComparison.Ordinal), Form, 401 },
        { "install: ONAPPUNINSTALL for an unknown portal", Install, "event=ONAPPUNINSTALL&data%5BCLEAN%5D=1&" + Auth.Replace("{member}", "0000nobody", StringComparison.Ordinal), Form, 401 },
        { "install: not an installation event", Install, "event=ONCRMDEALADD&" + Auth, Form, 400 },
        { "install: JSON instead of a form", Install, "{\"AUTH_ID\":\"a\"}", "application/json", 415 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_IsRefusedAndChangesNothing(string name, string path, string body, string? contentType, int expected)
    {
        var before = await StateAsync();
        Harness.Sandbox.ResetStats();

        var (status, answer) = await PostAsync(Fill(path), Fill(body), contentType);

        Assert.True(status == expected, $"{name}: expected {expected}, got {status} {answer}");
        var error = JObject.Parse(answer);
        Assert.False(string.IsNullOrEmpty(error.Value<string>("error")), $"{name}: the refusal names no error code: {answer}");
        Assert.DoesNotContain(Harness.ApplicationToken, answer, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
        Assert.Equal(0, Harness.Sandbox.Stats.Methods.Where(m => m.Key is not "app.info" and not "profile").Sum(m => m.Value));
    }

    [Fact]
    public async Task WrongToken_AndUnknownPortal_GetTheSameAnswer()
    {
        var forged = await PostAsync(Events, Fill(DealEvent + Auth.Replace("{token}", "forged", StringComparison.Ordinal)), Form);
        var unknown = await PostAsync(Events, Fill(DealEvent + Auth.Replace("{member}", "0000nobody", StringComparison.Ordinal)), Form);

        Assert.Equal(forged, unknown);
        Assert.Equal(401, forged.Status);
    }

    [Theory]
    [InlineData("GET", Events)]
    [InlineData("PUT", Install)]
    [InlineData("POST", "api/health")]
    [InlineData("POST", "api/bitrix24/nothing-here")]
    [InlineData("POST", "api/bitrix24/robots/")]
    public async Task WrongMethodOrRoute_IsA4xxAndChangesNothing(string method, string path)
    {
        var before = await StateAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = new StringContent(Fill(DealEvent + Auth)) };
        using var response = await Harness.Http.SendAsync(request);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(before, await StateAsync());
    }

    /// <summary>
    /// Random forms over HTTP — real and random keys, bracket soup, broken escapes, control characters, sizes up to past
    /// the limit, odd content types — at the events, robot and install endpoints: never a 5xx, never a change.
    /// </summary>
    [Fact]
    public async Task Fuzz_RandomForms_NeverA5xxAndNothingAccepted()
    {
        const int seed = 5_1122;
        var random = new Random(seed);
        var before = await StateAsync();
        string[] keys = ["event", "data[FIELDS][ID]", "ts", "auth[member_id]", "auth[application_token]", "auth[domain]", "code", "document_id[0]", "document_id[2]", "event_token", "properties[a]", "data[FIELDS][ID][]", "a[b][[c]", "[]", "auth", "data[", "]x[", "AUTH_ID", "REFRESH_ID", "member_id"];
        string[] values = [Harness.MemberId, "ONCRMDEALUPDATE", "ONAPPUNINSTALL", "DEAL_1", "1", "-1", "0", "99999999999999999999", "%ZZ", "%", "%00", "é", "\u0000", "крм", "a+b", "%5B%5D", "", "null", "{\"x\":1}"];
        string[] types = [Form, Form, Form, "application/x-www-form-urlencoded; charset=windows-1251", "multipart/form-data; boundary=x", "application/json", "text/plain"];
        var statuses = new Dictionary<int, int>();
        for (var run = 0; run < 1500; run++)
        {
            var body = new System.Text.StringBuilder();
            var pairs = random.Next(0, 14);
            for (var i = 0; i < pairs; i++)
            {
                var key = random.Next(4) == 0 ? RandomText(random, random.Next(1, 12)) : keys[random.Next(keys.Length)];
                var value = random.Next(4) == 0 ? RandomText(random, random.Next(0, run % 150 == 0 ? 80_000 : 40)) : values[random.Next(values.Length)];
                body.Append(random.Next(3) == 0 ? key : Uri.EscapeDataString(key)).Append(random.Next(20) == 0 ? "" : "=").Append(value);
                body.Append(random.Next(15) == 0 ? "&&" : "&");
            }

            var path = random.Next(3) switch
            {
                0 => Events,
                1 => "api/bitrix24/robots/" + (random.Next(2) == 0 ? "crmc.admission_scoring" : Uri.EscapeDataString(RandomText(random, 6))),
                _ => Install + "?DOMAIN=" + (random.Next(2) == 0 ? "evil.example.com" : Uri.EscapeDataString(RandomText(random, 8))),
            };
            var (status, answer) = await PostAsync(path, body.ToString(), types[random.Next(types.Length)]);
            Assert.True(status < 500, $"seed {seed}, run {run}: {status} {answer} for POST {path} {body}");
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        Assert.Equal(before, await StateAsync());
        Assert.True(statuses.Keys.Count(k => k is >= 400 and < 500) >= 3, string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
    }

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "ab[]=&%2F%5B%5D%00%ZZ+é\u00ffк0123456789_-.\"'<>;";
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    private async Task<(int Status, string Body)> PostAsync(string path, string body, string? contentType)
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await Harness.Http.PostAsync(new Uri(path, UriKind.Relative), content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private string Fill(string text) => text
        .Replace("{member}", Harness.MemberId, StringComparison.Ordinal)
        .Replace("{TOKEN}", Harness.ApplicationToken.ToUpperInvariant(), StringComparison.Ordinal)
        .Replace("{token}", Uri.EscapeDataString(Harness.ApplicationToken), StringComparison.Ordinal)
        .Replace("{domain}", Harness.Sandbox.BaseUrl.Authority, StringComparison.Ordinal);

    /// <summary>What a refused request must not change: the inbox, the queue, the installation and its tokens.</summary>
    private async Task<string> StateAsync()
    {
        var store = Harness.Store;
        var inbox = await store.Inbox.CountAsync();
        var installation = await store.Installations.GetAsync(Harness.MemberId);
        var tokens = await store.Tokens.GetAsync(Harness.MemberId);
        return string.Join(
            " | ",
            string.Join(",", inbox.OrderBy(i => i.Key).Select(i => $"{i.Key}={i.Value}")),
            await store.Queues.CountAsync("crm-work"),
            installation is null ? "no installation" : $"{installation.Status} {installation.ApplicationTokenHash} {installation.Domain}",
            tokens?.AccessToken,
            (await store.Installations.ListActiveAsync()).Count,
            installation?.Status == InstallationStatus.Active);
    }
}
