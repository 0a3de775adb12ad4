using System.Text;
using Crm.Connector.Sandbox.Bitrix24;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Infrastructure;

/// <summary>
/// Plain HTTP against a sandbox portal — no client library, so the tests pin the wire behaviour. Redirects are not
/// followed (a domain change must be seen as a 302). One HttpClient serves every test.
/// </summary>
internal sealed class RawRest(Bitrix24Sandbox sandbox)
{
    private static readonly HttpClient Shared = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly HttpClient _http = Shared;

    public Bitrix24Sandbox Sandbox { get; } = sandbox;

    /// <summary>POSTs JSON parameters to the admin webhook.</summary>
    public Task<RestReply> WebhookAsync(string method, string json = "{}") => PostJsonAsync(new Uri(Sandbox.WebhookUrl, method), Parse(json));

    public Task<RestReply> WebhookAsync(string method, JObject parameters) => PostJsonAsync(new Uri(Sandbox.WebhookUrl, method), parameters);

    /// <summary>POSTs to the admin webhook on behalf of a caller that can die (<paramref name="cancellationToken"/> cut the connection).</summary>
    public Task<RestReply> WebhookAsync(string method, JObject parameters, CancellationToken cancellationToken) =>
        PostJsonAsync(new Uri(Sandbox.WebhookUrl, method), parameters, cancellationToken);

    /// <summary>POSTs JSON parameters with <c>auth</c> to <c>/rest/{method}</c> (OAuth, §2.4).</summary>
    public Task<RestReply> OAuthAsync(string accessToken, string method, string json = "{}")
    {
        var parameters = Parse(json);
        parameters["auth"] = accessToken;
        return PostJsonAsync(new Uri(Sandbox.ClientEndpoint, method), parameters);
    }

    public async Task<RestReply> PostJsonAsync(Uri url, JObject body, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(url, content, cancellationToken);
        return await ReadAsync(response);
    }

    public async Task<RestReply> PostFormAsync(Uri url, string form)
    {
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await _http.PostAsync(url, content);
        return await ReadAsync(response);
    }

    public async Task<RestReply> GetAsync(Uri url)
    {
        using var response = await _http.GetAsync(url);
        return await ReadAsync(response);
    }

    public async Task<RestReply> SendAsync(HttpMethod method, Uri url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        return await ReadAsync(response);
    }

    /// <summary>Creates a deal through the webhook and returns its id.</summary>
    public async Task<int> AddDealAsync(string title, string extraFields = "")
    {
        var fields = Parse("{" + (extraFields.Length > 0 ? extraFields : "") + "}");
        fields["TITLE"] = title;
        var reply = await WebhookAsync("crm.deal.add", new JObject { ["fields"] = fields });
        return reply.Ok().Value<int>();
    }

    private static async Task<RestReply> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = text.TrimStart().StartsWith('{') ? Parse(text) : [];
        return new RestReply(response.StatusCode, body, response.Headers.Location);
    }

    /// <summary>Parses without turning ISO dates into DateTime (the wire text is what the tests pin).</summary>
    private static JObject Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }
}
