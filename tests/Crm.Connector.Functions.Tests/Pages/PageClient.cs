using System.Text.RegularExpressions;
using Crm.Connector.Functions.Tests.EndToEnd;
using Crm.Connector.Sandbox.Bitrix24;

namespace Crm.Connector.Functions.Tests.Pages;

/// <summary>The app's pages over plain HTTP, as the portal's frame and the page's own forms reach them.</summary>
internal static partial class PageClient
{
    /// <summary>The frame POST the sandbox portal would send for <paramref name="userId"/> to <paramref name="path"/>.</summary>
    public static SandboxFramePost Frame(AppHarness harness, int userId, string path = "api/app", string placement = "DEFAULT", string? options = null) =>
        harness.Sandbox.FramePost(userId, placement, options, new Uri(harness.AppUrl, path));

    public static async Task<(int Status, string Body, HttpResponseMessage Response)> SendAsync(AppHarness harness, SandboxFramePost post)
    {
        var response = await harness.Http.PostAsync(post.Action, post.ToContent());
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>Posts a page form: the session and <paramref name="fields"/>, from the app's own origin unless told otherwise; the page's text decoded.</summary>
    public static async Task<(int Status, string Body)> PostAsync(AppHarness harness, string path, string session, IEnumerable<KeyValuePair<string, string>> fields, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.AppUrl, path))
        {
            Content = new FormUrlEncodedContent([new("session", session), .. fields]),
        };
        request.Headers.Add("Origin", origin ?? harness.AppUrl.GetLeftPart(UriPartial.Authority));
        using var response = await harness.Http.SendAsync(request);
        return ((int)response.StatusCode, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Uploads <paramref name="content"/> as the import page's file, from the app's own origin.</summary>
    public static async Task<(int Status, string Body)> UploadAsync(AppHarness harness, string session, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(session), "session" },
            { new StringContent("preview"), "step" },
            { new ByteArrayContent(content), "file", fileName },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.AppUrl, "api/app/import")) { Content = form };
        request.Headers.Add("Origin", harness.AppUrl.GetLeftPart(UriPartial.Authority));

        // As a browser would hear it before sending everything: a body over the limit is answered without being read.
        request.Headers.ExpectContinue = true;
        using var response = await harness.Http.SendAsync(request);
        return ((int)response.StatusCode, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The signed session a page carries in its forms.</summary>
    public static string Session(string html) =>
        SessionField().Match(html) is { Success: true } match ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No session in the page:\n" + html);

    [GeneratedRegex("name=\"session\" value=\"([^\"]+)\"")]
    private static partial Regex SessionField();
}
