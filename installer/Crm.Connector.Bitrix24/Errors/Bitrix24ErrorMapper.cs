using System.Net;

namespace Crm.Connector.Bitrix24.Errors;

/// <summary>The one place where the portal's error codes and HTTP statuses become exceptions.</summary>
public static class Bitrix24ErrorMapper
{
    /// <summary>The exception for an error answer to <paramref name="method"/>.</summary>
    public static Bitrix24Exception Map(string method, string? code, string? description, HttpStatusCode? status, bool idempotent, DateTimeOffset? operatingResetAt = null)
    {
        var c = code ?? string.Empty;
        var d = description ?? string.Empty;
        return c switch
        {
            Bitrix24ErrorCodes.QueryLimitExceeded => new Bitrix24QueryLimitExceededException(method, d, status),
            Bitrix24ErrorCodes.OperationTimeLimit => new Bitrix24OperationTimeLimitException(method, d, status, operatingResetAt),
            Bitrix24ErrorCodes.ExpiredToken => new Bitrix24ExpiredTokenException(method, d, status),
            Bitrix24ErrorCodes.InvalidToken or Bitrix24ErrorCodes.NoAuthFound or Bitrix24ErrorCodes.InvalidCredentials
                => new Bitrix24AuthenticationException(method, c, d, status),
            Bitrix24ErrorCodes.AccessDenied or Bitrix24ErrorCodes.InsufficientScope or "invalid_scope" or Bitrix24ErrorCodes.UserAccessError
                or Bitrix24ErrorCodes.WrongAuthType or Bitrix24ErrorCodes.MethodConfirmWaiting
                => new Bitrix24AccessDeniedException(method, c, d, status),
            Bitrix24ErrorCodes.MethodNotFound or Bitrix24ErrorCodes.NotFound or Bitrix24ErrorCodes.OwnerNotFound or Bitrix24ErrorCodes.PortalDeleted
                => new Bitrix24NotFoundException(method, c, d, status),
            Bitrix24ErrorCodes.PaymentRequired => new Bitrix24PaymentRequiredException(method, d, status),
            Bitrix24ErrorCodes.InternalServerError or Bitrix24ErrorCodes.OverloadLimit or Bitrix24ErrorCodes.UnexpectedAnswer
                => new Bitrix24ServerException(method, c, d, status, idempotent),
            _ => ByStatus(method, c, d, status, idempotent),
        };
    }

    private static Bitrix24Exception ByStatus(string method, string code, string description, HttpStatusCode? status, bool idempotent) => status switch
    {
        HttpStatusCode.Unauthorized => new Bitrix24AuthenticationException(method, code, description, status),
        HttpStatusCode.Forbidden => new Bitrix24AccessDeniedException(method, code, description, status),
        HttpStatusCode.NotFound => new Bitrix24NotFoundException(method, code, description, status),
        HttpStatusCode.PaymentRequired => new Bitrix24PaymentRequiredException(method, description, status),
        HttpStatusCode.ServiceUnavailable when code.Length == 0 => new Bitrix24ServerException(method, code, description, status, idempotent),
        >= HttpStatusCode.InternalServerError => new Bitrix24ServerException(method, code, description, status, idempotent),

        // Many CRM errors come with an empty code and only a description (bitrix24-rest.md §12.4).
        _ => new Bitrix24ValidationException(method, code, description, status),
    };
}
