namespace Crm.Connector.OneC;

/// <summary>
/// A failed 1C OData call. <see cref="Kind"/> says what the caller can do; <see cref="Code"/> and <see cref="Status"/>
/// keep 1C's internal error code (1C doc 17.4.10, plus <c>-1</c> for business errors) and the HTTP status. The message
/// names the entity set and what to do, and never carries the password or the Authorization header.
/// </summary>
public sealed class OneCException : Exception
{
    /// <summary>A failure of <paramref name="kind"/> with a plain-words message.</summary>
    public OneCException(OneCErrorKind kind, string message, string? code = null, int? status = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Code = code;
        Status = status;
    }

    /// <summary>What went wrong.</summary>
    public OneCErrorKind Kind { get; }

    /// <summary>1C's error code (<c>odata.error.code</c> or <c>m:code</c>), when 1C gave one.</summary>
    public string? Code { get; }

    /// <summary>The HTTP status, when an answer came.</summary>
    public int? Status { get; }

    /// <summary>
    /// True when the same call may succeed later without a change on our side: <see cref="OneCErrorKind.Unavailable"/>,
    /// <see cref="OneCErrorKind.UnknownOutcome"/> (after settling what happened), <see cref="OneCErrorKind.InvalidAnswer"/>.
    /// </summary>
    public bool Transient => Kind is OneCErrorKind.Unavailable or OneCErrorKind.UnknownOutcome or OneCErrorKind.InvalidAnswer;
}
