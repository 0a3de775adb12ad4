namespace Crm.Connector.OneC;

/// <summary>What went wrong with a 1C call, in terms of what the caller can do about it.</summary>
public enum OneCErrorKind
{
    /// <summary>1C or its web server did not answer usefully (5xx, timeout, connection refused or reset): try later.</summary>
    Unavailable,

    /// <summary>The web server or 1C refused the user name or password (401, also the HTML 401 page of IIS/Apache).</summary>
    Unauthorized,

    /// <summary>The user has no rights to the object (1C code 20, or 403).</summary>
    Forbidden,

    /// <summary>The object with that key does not exist (404 on one object, 1C code 9).</summary>
    NotFound,

    /// <summary>The entity set is not in the base's OData composition (404 on a set, 1C code 8).</summary>
    NotPublished,

    /// <summary>An object with that key already exists (1C code 15 or a "нарушено условие уникальности" message).</summary>
    Duplicate,

    /// <summary>1C's own rules refused the write or posting (500 with code -1): fix the data; never retry as is.</summary>
    Business,

    /// <summary>1C could not read the request (400, codes 1-7, 10-14, 16-19): a mistake on our side.</summary>
    BadRequest,

    /// <summary>A write whose answer was lost or was not 1C's (an HTML page with 200): it may or may not have happened.</summary>
    UnknownOutcome,

    /// <summary>An answer that is not the JSON expected (e.g. an HTML page with 200 on a read).</summary>
    InvalidAnswer,
}
