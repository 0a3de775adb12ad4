using System.Net;
using System.Text.RegularExpressions;

namespace Crm.Connector.Sandbox.Tests.Infrastructure;

/// <summary>
/// A portal page of the sandbox as fetched over HTTP: status, HTML, and what a browser would act on — the forms
/// (action, hidden fields, target) and the toolbar buttons. Parsed with regular expressions: the sandbox writes this
/// HTML itself, one element a line.
/// </summary>
internal sealed partial record PortalPage(HttpStatusCode Status, string Html)
{
    private static readonly HttpClient Shared = new() { Timeout = TimeSpan.FromSeconds(30) };

    public IReadOnlyList<PageForm> Forms =>
        [.. FormPattern().Matches(Html).Select(m => new PageForm(
            WebUtility.HtmlDecode(m.Groups["id"].Value),
            new Uri(WebUtility.HtmlDecode(m.Groups["action"].Value)),
            WebUtility.HtmlDecode(m.Groups["target"].Value),
            [.. InputPattern().Matches(m.Groups["inputs"].Value).Select(i => new KeyValuePair<string, string>(WebUtility.HtmlDecode(i.Groups["name"].Value), WebUtility.HtmlDecode(i.Groups["value"].Value)))]))];

    /// <summary>Buttons <c>[data-placement-handler]</c>: handler, the form they submit, their text.</summary>
    public IReadOnlyList<(string Handler, string Form, string Text)> Buttons =>
        [.. ButtonPattern().Matches(Html).Select(m => (WebUtility.HtmlDecode(m.Groups["handler"].Value), m.Groups["form"].Value, WebUtility.HtmlDecode(m.Groups["text"].Value)))];

    public bool HasFrame => Html.Contains("<iframe name=\"app-frame\" id=\"app-frame\"", StringComparison.Ordinal);

    public static async Task<PortalPage> GetAsync(Uri url)
    {
        using var response = await Shared.GetAsync(url);
        return new PortalPage(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The text of the element with this id.</summary>
    public string TextOf(string id)
    {
        var match = Regex.Match(Html, $"id=\"{Regex.Escape(id)}\"[^>]*>(?<text>[^<]*)<", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(match.Success, $"no element #{id} in the page");
        return WebUtility.HtmlDecode(match.Groups["text"].Value);
    }

    [GeneratedRegex("""<form id="(?<id>[^"]+)" class="frame-form" method="post" target="(?<target>[^"]+)" action="(?<action>[^"]+)">(?<inputs>.*?)</form>""", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex InputPattern();

    [GeneratedRegex("""<button type="button" class="placement-button" data-placement="[^"]*" data-placement-handler="(?<handler>[^"]*)" data-form="(?<form>[^"]*)">(?<text>[^<]*)</button>""")]
    private static partial Regex ButtonPattern();
}
