namespace Crm.Connector.Bitrix24.Errors;

/// <summary>Error codes the portal and its OAuth server send (bitrix24-rest.md §12.4, §2.3).</summary>
public static class Bitrix24ErrorCodes
{
    public const string QueryLimitExceeded = "QUERY_LIMIT_EXCEEDED";
    public const string OperationTimeLimit = "OPERATION_TIME_LIMIT";
    public const string OverloadLimit = "OVERLOAD_LIMIT";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
    public const string UnexpectedAnswer = "ERROR_UNEXPECTED_ANSWER";
    public const string ExpiredToken = "expired_token";
    public const string InvalidToken = "invalid_token";
    public const string NoAuthFound = "NO_AUTH_FOUND";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string AccessDenied = "ACCESS_DENIED";
    public const string InsufficientScope = "insufficient_scope";
    public const string UserAccessError = "user_access_error";
    public const string WrongAuthType = "WRONG_AUTH_TYPE";
    public const string MethodConfirmWaiting = "METHOD_CONFIRM_WAITING";
    public const string MethodNotFound = "ERROR_METHOD_NOT_FOUND";
    public const string NotFound = "NOT_FOUND";
    public const string OwnerNotFound = "OWNER_NOT_FOUND";
    public const string PortalDeleted = "PORTAL_DELETED";
    public const string InvalidGrant = "invalid_grant";
    public const string InvalidClient = "invalid_client";
    public const string PaymentRequired = "PAYMENT_REQUIRED";
    public const string BatchLengthExceeded = "ERROR_BATCH_LENGTH_EXCEEDED";
    public const string ActivityAlreadyInstalled = "ERROR_ACTIVITY_ALREADY_INSTALLED";
    public const string EventHandlerExists = "ERROR_EVENT_HANDLER_EXISTS";
}
