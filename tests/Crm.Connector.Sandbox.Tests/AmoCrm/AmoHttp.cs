using System.Net.Http.Headers;
using System.Text;
using Crm.Connector.Sandbox.AmoCrm;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.AmoCrm;

/// <summary>Plain HTTP against an amoCRM sandbox — no client library, so the tests pin the wire behaviour.</summary>
internal sealed class AmoHttp(AmoCrmSandbox sandbox, string accessToken)
{
    private static readonly HttpClient Shared = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public AmoCrmSandbox Sandbox => sandbox;

    public string AccessToken { get; set; } = accessToken;

    public Task<AmoReply> GetAsync(string pathAndQuery) => SendAsync(HttpMethod.Get, pathAndQuery);

    public Task<AmoReply> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<AmoReply> PatchAsync(string path, string json) => SendAsync(HttpMethod.Patch, path, json);

    public Task<AmoReply> DeleteAsync(string path, string? json = null) => SendAsync(HttpMethod.Delete, path, json);

    public async Task<AmoReply> SendAsync(HttpMethod method, string pathAndQuery, string? json = null, string? token = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(sandbox.BaseUrl, pathAndQuery.TrimStart('/')));
        var bearer = token ?? AccessToken;
        if (bearer.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Shared.SendAsync(request, cancellationToken);
        return await ReadAsync(response);
    }

    /// <summary>POSTs a JSON body to the token endpoint (no Bearer).</summary>
    public async Task<AmoReply> TokenAsync(JObject body)
    {
        using var content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");
        using var response = await Shared.PostAsync(sandbox.TokenEndpoint, content);
        return await ReadAsync(response);
    }

    public static async Task<AmoReply> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JToken? json = null;
        if (text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith('['))
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            json = JToken.Load(reader);
        }

        return new AmoReply(response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", text, json);
    }
}
