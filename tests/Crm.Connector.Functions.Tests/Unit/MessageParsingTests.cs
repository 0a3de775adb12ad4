using Crm.Connector.Functions.Bitrix24.Inbound;

namespace Crm.Connector.Functions.Tests.Unit;

/// <summary>Events (§4.3), robot calls (§5.3) and installation messages (§1.2–1.5) read from their forms.</summary>
public sealed class MessageParsingTests
{
    private const string Auth = "auth%5Bmember_id%5D=m1&auth%5Bapplication_token%5D=tok&auth%5Bdomain%5D=acme.bitrix24.ru";

    [Fact]
    public void Event_DealUpdate_IsReadWithItsDedupeKey()
    {
        var (message, error) = EventMessage.Parse(FormBody.Parse($"event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=759&ts=1736405807&{Auth}"));

        Assert.Null(error);
        Assert.Equal(("deal", 759L, "m1:ONCRMDEALUPDATE:759:1736405807"), (message!.Entity, message.ItemId, message.DedupeKey));
    }

    [Fact]
    public void Event_MoveToCategory_CarriesPipelineAndStage()
    {
        var (message, _) = EventMessage.Parse(FormBody.Parse($"event=ONCRMDEALMOVETOCATEGORY&data[FIELDS][ID]=5&data[FIELDS][CATEGORY_ID]=3&data[FIELDS][STAGE_ID]=C3:NEW&ts=1&{Auth}"));

        Assert.Equal(("3", "C3:NEW"), (message!.CategoryId, message.StageId));
    }

    [Theory]
    [InlineData("event=ONCRMDEALUPDATE&data[FIELDS][ID]=1&ts=1", "auth[member_id]")]
    [InlineData("event=ONCRMTASKADD&data[FIELDS][ID]=1&ts=1&" + Auth, "not one the app handles")]
    [InlineData("data[FIELDS][ID]=1&ts=1&" + Auth, "event is required")]
    [InlineData("event=ONCRMDEALUPDATE&data[FIELDS][ID]=-4&ts=1&" + Auth, "positive whole number")]
    [InlineData("event=ONCRMDEALUPDATE&data[FIELDS][ID]=abc&ts=1&" + Auth, "positive whole number")]
    [InlineData("event=ONCRMDEALUPDATE&data[FIELDS][ID]=1&ts=yesterday&" + Auth, "ts must be")]
    public void Event_Malformed_NamesTheField(string body, string expected)
    {
        var (message, error) = EventMessage.Parse(FormBody.Parse(body));

        Assert.Null(message);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Robot_Call_ReadsDocumentTokenAndProperties()
    {
        var (message, error) = RobotMessage.Parse(
            FormBody.Parse($"code=crmc.admission_scoring&document_id[0]=crm&document_id[1]=CCrmDocumentDeal&document_id[2]=DEAL_42&event_token=et1&properties[threshold]=425&{Auth}"),
            "crmc.admission_scoring");

        Assert.Null(error);
        Assert.Equal(("deal", 42L, "et1", "425"), (message!.Entity, message.ItemId, message.EventToken, message.Properties["threshold"]));
    }

    [Theory]
    [InlineData("code=a&document_id[2]=DEAL_1&event_token=t&" + Auth, "b", "differ")]
    [InlineData("code=a&document_id[2]=TASK_1&event_token=t&" + Auth, "a", "not a deal")]
    [InlineData("code=a&document_id[2]=DEAL_&event_token=t&" + Auth, "a", "must name a CRM item")]
    [InlineData("code=a&document_id[2]=DEAL_1&" + Auth, "a", "event_token")]
    [InlineData("code=a%20b&document_id[2]=DEAL_1&event_token=t&" + Auth, null, "robot's code")]
    public void Robot_Malformed_NamesTheField(string body, string? route, string expected)
    {
        var (message, error) = RobotMessage.Parse(FormBody.Parse(body), route);

        Assert.Null(message);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_CallbackForm_ReadsTokensAndDomain()
    {
        var (message, error) = InstallMessage.Parse(
            FormBody.Parse("DOMAIN=acme.bitrix24.ru&PROTOCOL=1&LANG=ru"),
            FormBody.Parse("AUTH_ID=at&AUTH_EXPIRES=3600&REFRESH_ID=rt&member_id=m1&APPLICATION_TOKEN=app&status=P&SERVER_ENDPOINT=https%3A%2F%2Foauth.bitrix.info%2Frest%2F"));

        Assert.Null(error);
        Assert.Equal((InstallMessageKind.Callback, "acme.bitrix24.ru", "at", "rt", "app"), (message!.Kind, message.Domain, message.AccessToken, message.RefreshToken, message.ApplicationToken));
        Assert.Equal(new Uri("https://acme.bitrix24.ru/rest/"), message.RestEndpoint);
    }

    [Fact]
    public void Install_OnAppUninstall_NeedsNoTokensAndReadsClean()
    {
        var (message, error) = InstallMessage.Parse(FormBody.Parse(string.Empty), FormBody.Parse($"event=ONAPPUNINSTALL&data[CLEAN]=1&{Auth}"));

        Assert.Null(error);
        Assert.Equal((InstallMessageKind.Uninstall, true), (message!.Kind, message.Clean));
    }

    [Theory]
    [InlineData("event=ONAPPINSTALL&" + Auth, "auth[access_token]")]
    [InlineData("event=ONCRMDEALADD&" + Auth, "not an installation event")]
    [InlineData("AUTH_ID=x", "member_id, DOMAIN and AUTH_ID")]
    public void Install_Malformed_NamesTheField(string body, string expected)
    {
        var (message, error) = InstallMessage.Parse(FormBody.Parse(string.Empty), FormBody.Parse(body));

        Assert.Null(message);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_ToString_NeverShowsTokens()
    {
        var (message, _) = InstallMessage.Parse(FormBody.Parse("DOMAIN=acme.bitrix24.ru"), FormBody.Parse("AUTH_ID=secret-access&REFRESH_ID=secret-refresh&member_id=m1&APPLICATION_TOKEN=secret-app"));

        Assert.DoesNotContain("secret", message!.ToString(), StringComparison.Ordinal);
    }
}
