namespace Crm.Connector.OneC.Tests;

public sealed class ErrorMapTests
{
    private const string Set = "Catalog_Контрагенты";

    [Fact]
    public void FromAnswer_JsonODataErrorWithDot_KeepsCodeAndMessage()
    {
        var e = OneCErrorMap.FromAnswer(OneCCall.ReadSet(Set), 400, "application/json", """{"odata.error":{"code":"14","message":{"lang":"ru","value":"Ошибка разбора параметра $filter"}}}""");
        Assert.Equal(OneCErrorKind.BadRequest, e.Kind);
        Assert.Equal("14", e.Code);
        Assert.Equal(400, e.Status);
        Assert.Contains("Ошибка разбора параметра $filter", e.Message, StringComparison.Ordinal);
        Assert.Contains(Set, e.Message, StringComparison.Ordinal);
        Assert.False(e.Transient);
    }

    [Fact]
    public void FromAnswer_XmlError_ReadsMCodeAndMessage()
    {
        const string xml = """<?xml version="1.0" encoding="UTF-8"?><m:error xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"><m:code>9</m:code><m:message xml:lang="ru">Не найден экземпляр сущности</m:message></m:error>""";
        var e = OneCErrorMap.FromAnswer(OneCCall.ReadEntity(Set), 404, "application/xml", xml);
        Assert.Equal(OneCErrorKind.NotFound, e.Kind);
        Assert.Equal("9", e.Code);
        Assert.Contains("Не найден экземпляр сущности", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromAnswer_500CodeMinus1_BusinessNotTransient()
    {
        var e = OneCErrorMap.FromAnswer(OneCCall.Post("Document_СчетНаОплатуПокупателю"), 500, "application/json", """{"odata.error":{"code":"-1","message":{"value":"Не удалось провести"}}}""");
        Assert.Equal(OneCErrorKind.Business, e.Kind);
        Assert.False(e.Transient);
    }

    [Theory]
    [InlineData("""{"odata.error":{"code":"15","message":{"value":"Сущность с таким ключом уже существует"}}}""")]
    [InlineData("""{"odata.error":{"code":"-1","message":{"value":"Нарушено условие уникальности"}}}""")]
    public void FromAnswer_Code15OrUniquenessMessage_Duplicate(string body)
    {
        Assert.Equal(OneCErrorKind.Duplicate, OneCErrorMap.FromAnswer(OneCCall.Create(Set), 500, "application/json", body).Kind);
    }

    [Fact]
    public void FromAnswer_IisHtml401_UnauthorizedNamingTheWebServer()
    {
        var e = OneCErrorMap.FromAnswer(OneCCall.ReadSet(Set), 401, "text/html", "<!DOCTYPE html><html><head><title>401 - Unauthorized: Access is denied</title></head></html>");
        Assert.Equal(OneCErrorKind.Unauthorized, e.Kind);
        Assert.Contains("web server", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, null, false, OneCErrorKind.NotPublished)]
    [InlineData(404, null, true, OneCErrorKind.NotFound)]
    [InlineData(400, "8", true, OneCErrorKind.NotPublished)]
    [InlineData(403, null, false, OneCErrorKind.Forbidden)]
    [InlineData(401, "20", false, OneCErrorKind.Forbidden)]
    [InlineData(503, null, false, OneCErrorKind.Unavailable)]
    [InlineData(400, "5", false, OneCErrorKind.BadRequest)]
    public void FromAnswer_StatusAndCode_Kind(int status, string? code, bool oneEntity, OneCErrorKind expected)
    {
        var body = code is null ? "" : "{\"odata.error\":{\"code\":\"" + code + "\",\"message\":{\"value\":\"x\"}}}";
        var call = oneEntity ? OneCCall.ReadEntity(Set) : OneCCall.ReadSet(Set);
        Assert.Equal(expected, OneCErrorMap.FromAnswer(call, status, "application/json", body).Kind);
    }

    [Fact]
    public void FromAnswer_5xxOnWrite_UnknownOutcome()
    {
        Assert.Equal(OneCErrorKind.UnknownOutcome, OneCErrorMap.FromAnswer(OneCCall.Create(Set), 502, "text/html", "<html>Bad Gateway</html>").Kind);
    }

    [Fact]
    public void NotJson_ReadVsWrite_InvalidAnswerVsUnknownOutcome()
    {
        Assert.Equal(OneCErrorKind.InvalidAnswer, OneCErrorMap.NotJson(OneCCall.ReadSet(Set), 200, "text/html").Kind);
        Assert.Equal(OneCErrorKind.UnknownOutcome, OneCErrorMap.NotJson(OneCCall.Create(Set), 200, "text/html").Kind);
    }
}
