using Crm.Connector.Bitrix24.Auth;

namespace Crm.Connector.Bitrix24.Tests.Unit;

public sealed class WebhookCredentialsTests
{
    [Theory]
    [InlineData("https://acme.bitrix24.ru/rest/1/abc123/", "https://acme.bitrix24.ru/rest/1/abc123/")]
    [InlineData("https://acme.bitrix24.ru/rest/1/abc123", "https://acme.bitrix24.ru/rest/1/abc123/")]
    [InlineData("https://acme.bitrix24.ru/rest/12/abc123/crm.deal.list.json", "https://acme.bitrix24.ru/rest/12/abc123/")]
    [InlineData("  http://127.0.0.1:5000/rest/1/s3cret/  ", "http://127.0.0.1:5000/rest/1/s3cret/")]
    public void TryParse_WebhookUrl_KeepsTheCredentialPart(string text, string expected)
    {
        var credentials = WebhookCredentials.TryParse(text, out var error);

        Assert.Null(error);
        Assert.Equal(expected, credentials!.Endpoint.AbsoluteUri);
    }

    [Theory]
    [InlineData("acme.bitrix24.ru", "not an http(s) URL")]
    [InlineData("ftp://acme.bitrix24.ru/rest/1/abc/", "not an http(s) URL")]
    [InlineData("https://acme.bitrix24.ru/", "/rest/<user id>/<secret>/")]
    [InlineData("https://acme.bitrix24.ru/rest/admin/abc/", "/rest/<user id>/<secret>/")]
    public void TryParse_NotAWebhook_SaysWhatOneLooksLike(string text, string hint)
    {
        var credentials = WebhookCredentials.TryParse(text, out var error);

        Assert.Null(credentials);
        Assert.Contains(hint, error, StringComparison.Ordinal);
    }
}
