using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Crm.Connector.Sandbox.OneC;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.OneC;

/// <summary>Plain HTTP against a sandbox 1C — no 1C client library, so the tests pin the wire behaviour.</summary>
internal sealed class OneCHttp(SandboxOneC sandbox)
{
    private static readonly HttpClient Shared = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Basic credentials built from UTF-8 bytes (§1.1); null sends no Authorization header.</summary>
    public static AuthenticationHeaderValue? Basic(string user, string password, Encoding? encoding = null) =>
        new("Basic", Convert.ToBase64String((encoding ?? Encoding.UTF8).GetBytes($"{user}:{password}")));

    public Task<OneCReply> GetAsync(string relative) => SendAsync(HttpMethod.Get, relative);

    public Task<OneCReply> PostAsync(string relative, string? json = null) => SendAsync(HttpMethod.Post, relative, json);

    public Task<OneCReply> PatchAsync(string relative, string json) => SendAsync(HttpMethod.Patch, relative, json);

    /// <summary>GETs <paramref name="set"/> with <c>$format=json</c> and the options, each value escaped with <see cref="Uri.EscapeDataString(string)"/> (§1.7: %20, never +).</summary>
    public Task<OneCReply> QueryAsync(string set, params (string Name, string Value)[] options) =>
        GetAsync(set + "?$format=json" + string.Concat(options.Select(o => $"&{o.Name}={Uri.EscapeDataString(o.Value)}")));

    public async Task<OneCReply> SendAsync(HttpMethod method, string relative, string? json = null, AuthenticationHeaderValue? auth = null, bool authenticate = true)
    {
        using var request = new HttpRequestMessage(method, new Uri(sandbox.ServiceRoot, relative));
        request.Headers.Authorization = authenticate ? auth ?? Basic(sandbox.User, sandbox.Password) : null;
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Shared.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JObject? body = null;
        if (text.TrimStart().StartsWith('{'))
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            body = JObject.Load(reader);
        }

        return new OneCReply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, body, response.Headers);
    }

    public static string Key(Guid key) => $"(guid'{key:D}')";
}

/// <summary>One answer: status, media type, raw text, the JSON object when it was one, and the headers.</summary>
internal sealed record OneCReply(HttpStatusCode Status, string? MediaType, string Text, JObject? Json, HttpResponseHeaders Headers)
{
    /// <summary>The JSON body, after checking the status (the message shows the body when it is not the expected one).</summary>
    public JObject Expect(HttpStatusCode status)
    {
        Assert.True(status == Status, $"Expected {status}, got {Status}: {Text}");
        return Json ?? throw new Xunit.Sdk.XunitException($"No JSON body: {Text}");
    }

    /// <summary>The <c>odata.error</c> code (§1.7), after checking the status.</summary>
    public string? ErrorCode(HttpStatusCode status) => Expect(status)["odata.error"]?.Value<string>("code");

    public IReadOnlyList<JObject> Values => [.. Expect(HttpStatusCode.OK)["value"]!.Cast<JObject>()];
}
