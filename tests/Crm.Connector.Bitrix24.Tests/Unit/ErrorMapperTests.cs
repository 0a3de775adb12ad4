using System.Net;
using Crm.Connector.Bitrix24.Errors;

namespace Crm.Connector.Bitrix24.Tests.Unit;

/// <summary>Error codes and statuses → exceptions (bitrix24-rest.md §12.4), in one place.</summary>
public sealed class ErrorMapperTests
{
    [Theory]
    [InlineData("QUERY_LIMIT_EXCEEDED", 503, typeof(Bitrix24QueryLimitExceededException), true)]
    [InlineData("OPERATION_TIME_LIMIT", 429, typeof(Bitrix24OperationTimeLimitException), true)]
    [InlineData("expired_token", 401, typeof(Bitrix24ExpiredTokenException), false)]
    [InlineData("invalid_token", 401, typeof(Bitrix24AuthenticationException), false)]
    [InlineData("NO_AUTH_FOUND", 401, typeof(Bitrix24AuthenticationException), false)]
    [InlineData("insufficient_scope", 403, typeof(Bitrix24AccessDeniedException), false)]
    [InlineData("ACCESS_DENIED", 403, typeof(Bitrix24AccessDeniedException), false)]
    [InlineData("ERROR_METHOD_NOT_FOUND", 404, typeof(Bitrix24NotFoundException), false)]
    [InlineData("PAYMENT_REQUIRED", 402, typeof(Bitrix24PaymentRequiredException), false)]
    [InlineData("ERROR_CORE", 400, typeof(Bitrix24ValidationException), false)]
    [InlineData("", 400, typeof(Bitrix24ValidationException), false)]
    [InlineData("INTERNAL_SERVER_ERROR", 500, typeof(Bitrix24ServerException), false)]
    [InlineData("", 502, typeof(Bitrix24ServerException), false)]
    public void Map_CodeAndStatus_GiveTheExceptionAndWhetherARepeatHelps(string code, int status, Type expected, bool transient)
    {
        var exception = Bitrix24ErrorMapper.Map("crm.deal.add", code, "words", (HttpStatusCode)status, idempotent: false);

        Assert.IsType(expected, exception);
        Assert.Equal(transient, exception.IsTransient);
        Assert.Equal((code, "words", (HttpStatusCode?)status), (exception.Code, exception.Description, exception.Status));
    }

    [Fact]
    public void Map_ServerErrorOfAnIdempotentMethod_IsTransient()
    {
        Assert.True(Bitrix24ErrorMapper.Map("crm.deal.get", "INTERNAL_SERVER_ERROR", null, HttpStatusCode.InternalServerError, idempotent: true).IsTransient);
    }

    [Fact]
    public void Message_NamesMethodCodeStatusAndWords()
    {
        var exception = Bitrix24ErrorMapper.Map("crm.status.add", "ERROR_CORE", "The specified status ID already exists.", HttpStatusCode.BadRequest, idempotent: false);

        Assert.Equal("Bitrix24 crm.status.add failed with ERROR_CORE (HTTP 400): The specified status ID already exists.", exception.Message);
    }
}
