using System.Net.Sockets;
using System.Text;
using Crm.Connector.OneC.Query;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using RestSharp;

namespace Crm.Connector.OneC;

/// <summary>
/// The 1C standard OData (v3) transport over RestSharp on a given <see cref="HttpClient"/>: Basic auth built from UTF-8
/// bytes (Cyrillic logins), <c>Accept: application/json</c>, JSON without metadata, paging by <c>$top</c>/<c>$skip</c>
/// ordered by <c>Ref_Key</c> (1C sends no <c>odata.nextLink</c>). Reads are retried on transient failures (3 attempts,
/// short fixed waits); writes are sent once — a lost answer becomes <see cref="OneCErrorKind.UnknownOutcome"/> for the
/// caller to settle by reading back. Every failure goes through one error map (<see cref="OneCException"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The RestClient wraps a borrowed HttpClient (disposeHttpClient: false) and holds nothing else to dispose.")]
public sealed class OneCClient
{
    /// <summary>Rows per page when listing; public clients cap <c>$top</c> at 1000, 500 keeps table parts light.</summary>
    public const int DefaultPageSize = 500;

    private const int ReadAttempts = 3;

    private static readonly JsonSerializerSettings Reading = new()
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
    };

    private readonly RestClient _rest;
    private readonly OneCConnection _connection;
    private readonly string _authorization;
    private readonly TimeProvider _time;
    private int _requests;

    /// <summary>A client of the base at <paramref name="connection"/> over <paramref name="httpClient"/> (not disposed here).</summary>
    public OneCClient(HttpClient httpClient, OneCConnection connection, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _time = timeProvider ?? TimeProvider.System;
        _authorization = BasicAuthorization(connection.User, connection.Password);
        _rest = new RestClient(httpClient, new RestClientOptions { FollowRedirects = false, ThrowOnAnyError = false }, disposeHttpClient: false);
    }

    /// <summary>The base this client talks to.</summary>
    public OneCConnection Connection => _connection;

    /// <summary>HTTP requests made so far, retries included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Rows per page (<c>$top</c>) for <see cref="ListAsync"/>; <see cref="DefaultPageSize"/> unless set.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Waits before the 2nd and 3rd attempt of a read (on <see cref="TimeProvider"/>); tests shorten them.</summary>
    internal IReadOnlyList<TimeSpan> RetryDelays { get; init; } = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(600)];

    /// <summary>
    /// The <c>Authorization</c> value for Basic auth from the UTF-8 bytes of <c>user:password</c>. UNCONFIRMED that 1C
    /// decodes Basic credentials as UTF-8; the public C# client that logs in as «Администратор» does so.
    /// </summary>
    public static string BasicAuthorization(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    /// <summary>GET <c>Set(guid'…')</c>: the object, or null when 1C has none with this key.</summary>
    public async Task<JObject?> GetAsync(string entitySet, Guid refKey, IReadOnlyCollection<string>? fields, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(OneCCall.ReadEntity(entitySet), ODataQuery.EntityUrl(entitySet, refKey, fields), cancellationToken);
        }
        catch (OneCException e) when (e.Kind == OneCErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Every row of <paramref name="query"/>, page by page: <c>$top</c> = <see cref="PageSize"/>, <c>$skip</c> 0, PageSize…,
    /// ordered by <c>Ref_Key</c> unless the query orders otherwise; stops at the first page shorter than <c>$top</c>.
    /// </summary>
    public async Task<IReadOnlyList<JObject>> ListAsync(ODataQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ordered = query.OrderBy is null ? query.Ordered("Ref_Key") : query;
        var rows = new List<JObject>();
        for (var skip = 0; ; skip += PageSize)
        {
            var page = ordered.Page(PageSize, skip);
            var answer = await ReadAsync(OneCCall.ReadSet(query.EntitySet), page.ToRelativeUrl(), cancellationToken);
            var values = answer["value"] as JArray ?? throw OneCErrorMap.NotJson(OneCCall.ReadSet(query.EntitySet), 200, "JSON without \"value\"");
            rows.AddRange(values.OfType<JObject>());
            if (values.Count < PageSize)
            {
                return rows;
            }
        }
    }

    /// <summary>
    /// POST to the set: creates the object (1C answers 201 with it). Sent once; a lost or unreadable answer throws
    /// <see cref="OneCErrorKind.UnknownOutcome"/>.
    /// </summary>
    public async Task<JObject> CreateAsync(string entitySet, JObject body, CancellationToken cancellationToken)
    {
        var call = OneCCall.Create(entitySet);
        var answer = await WriteAsync(call, Method.Post, ODataEncoding.Segment(entitySet) + "?$format=" + ODataQuery.Format, body, cancellationToken);
        return answer ?? throw OneCErrorMap.NotJson(call, 201, "an empty body");
    }

    /// <summary>PATCH <c>Set(guid'…')</c>: only the properties sent change (table parts sent whole). The object as 1C answers it, or null for an empty answer.</summary>
    public Task<JObject?> UpdateAsync(string entitySet, Guid refKey, JObject body, CancellationToken cancellationToken) =>
        WriteAsync(OneCCall.Update(entitySet), Method.Patch, ODataQuery.EntityUrl(entitySet, refKey), body, cancellationToken);

    /// <summary>POST <c>Set(guid'…')/Post?PostingModeOperational=false</c>: posts the document (an empty answer is success).</summary>
    public Task PostDocumentAsync(string entitySet, Guid refKey, CancellationToken cancellationToken) =>
        WriteAsync(OneCCall.Post(entitySet), Method.Post, ODataQuery.PostAction(entitySet, refKey), null, cancellationToken);

    /// <summary>The names of the published entity sets, from the service document (<c>GET …/standard.odata/?$format=json</c>).</summary>
    public async Task<IReadOnlyList<string>> EntitySetsAsync(CancellationToken cancellationToken)
    {
        var answer = await ReadAsync(OneCCall.ServiceDocument(), "?$format=json", cancellationToken);
        return (answer["value"] as JArray ?? [])
            .OfType<JObject>()
            .Select(set => set.Value<string>("name") ?? set.Value<string>("url"))
            .OfType<string>()
            .ToList();
    }

    private async Task<JObject> ReadAsync(OneCCall call, string relativeUrl, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendAsync(call, Method.Get, relativeUrl, null, cancellationToken)
                    ?? throw OneCErrorMap.NotJson(call, 200, "an empty body");
            }
            catch (OneCException e) when (e.Transient && attempt < ReadAttempts)
            {
                var delay = RetryDelays.Count == 0 ? TimeSpan.Zero : RetryDelays[Math.Min(attempt - 1, RetryDelays.Count - 1)];
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, cancellationToken);
                }
            }
        }
    }

    private Task<JObject?> WriteAsync(OneCCall call, Method method, string relativeUrl, JObject? body, CancellationToken cancellationToken) =>
        SendAsync(call, method, relativeUrl, body?.ToString(Formatting.None), cancellationToken);

    /// <summary>One HTTP request: the JSON object answered, null for an empty 2xx, or the mapped failure.</summary>
    private async Task<JObject?> SendAsync(OneCCall call, Method method, string relativeUrl, string? json, CancellationToken cancellationToken)
    {
        var request = new RestRequest(new Uri(_connection.ServiceRoot, relativeUrl), method);
        request.AddHeader("Authorization", _authorization);
        request.AddHeader("Accept", "application/json");
        if (json is not null)
        {
            request.AddStringBody(json, ContentType.Json);
        }

        Interlocked.Increment(ref _requests);
        var response = await _rest.ExecuteAsync(request, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var status = (int)response.StatusCode;
        if (IsLost(response))
        {
            throw OneCErrorMap.Lost(call, Describe(response), MayHaveRun(response), status == 0 ? null : status, response.ErrorException);
        }

        if (status is < 200 or > 299)
        {
            throw OneCErrorMap.FromAnswer(call, status, response.ContentType, response.Content);
        }

        if (string.IsNullOrWhiteSpace(response.Content))
        {
            return null;
        }

        if (!OneCErrorMap.IsJson(response.ContentType) || OneCErrorMap.IsHtml(response.ContentType, response.Content))
        {
            throw OneCErrorMap.NotJson(call, status, response.ContentType);
        }

        try
        {
            return JsonConvert.DeserializeObject<JObject>(response.Content, Reading) ?? throw OneCErrorMap.NotJson(call, status, response.ContentType);
        }
        catch (JsonException)
        {
            throw OneCErrorMap.NotJson(call, status, response.ContentType);
        }
    }

    /// <summary>
    /// No complete answer: no status, a timeout, or a body that broke off. RestSharp also reports an error status (4xx/5xx)
    /// with an exception naming that status: that one is an answer.
    /// </summary>
    private static bool IsLost(RestResponse response) =>
        response.StatusCode == 0
        || response.ResponseStatus is ResponseStatus.TimedOut or ResponseStatus.Aborted
        || (response.ErrorException is { } error && !(error is HttpRequestException { StatusCode: { } status } && status == response.StatusCode));

    /// <summary>False only when the request cannot have reached 1C (refused connection, unknown host, TLS failure).</summary>
    private static bool MayHaveRun(RestResponse response)
    {
        if (response.StatusCode != 0)
        {
            return true;
        }

        for (var e = response.ErrorException; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError }:
                    return false;
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable }:
                    return false;
            }
        }

        return true;
    }

    private static string Describe(RestResponse response) =>
        response.ResponseStatus == ResponseStatus.TimedOut ? "no answer in time"
        : response.StatusCode != 0 ? $"the answer (HTTP {(int)response.StatusCode}) broke off"
        : response.ErrorException?.GetBaseException().Message ?? "the connection failed";

    /// <summary>Never prints the password or the Authorization header.</summary>
    public override string ToString() => $"OneCClient {{ {_connection.ServiceRoot} }}";

}
