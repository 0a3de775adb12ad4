using System.Collections.Concurrent;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Crm.Connector.OneC.Tests;

/// <summary>
/// A WireMock stub playing a 1C base published at <c>/buh</c>, for byte-level behaviour (HTML with 200, XML errors,
/// resets). Stubs match the <em>decoded</em> Cyrillic path (WireMock.Net #1403: path matching unescapes, URL matching
/// does not); the exact bytes sent are kept by a handler in front of the HttpClient (<see cref="SentUrls"/>).
/// </summary>
internal sealed class Fake1C : IDisposable
{
    public const string User = "Администратор";
    public const string Password = "пароль 1";
    public const string Root = "/buh/odata/standard.odata/";

    private readonly Recorder _recorder;

    public Fake1C()
    {
        _recorder = new Recorder { InnerHandler = new SocketsHttpHandler() };
        Http = new HttpClient(_recorder) { Timeout = TimeSpan.FromSeconds(10) };
    }

    public WireMockServer Server { get; } = WireMockServer.Start();

    public HttpClient Http { get; }

    public OneCConnection Connection => new(new Uri(Server.Url! + "/buh"), User, Password);

    /// <summary>The request URLs as HttpClient sent them (escaped form).</summary>
    public IReadOnlyList<string> SentUrls => [.. _recorder.Urls];

    public IReadOnlyList<ILogEntry> Log => [.. Server.LogEntries];

    public OneCClient Client(int pageSize = OneCClient.DefaultPageSize) =>
        new(Http, Connection) { PageSize = pageSize, RetryDelays = [TimeSpan.FromMilliseconds(10)] };

    public OneCAccounting Accounting(int pageSize = OneCClient.DefaultPageSize) => new(Client(pageSize), OneCEntityNames.Bp30);

    /// <summary>A request to <paramref name="resource"/> under the service root, written decoded (Cyrillic, quotes).</summary>
    public static IRequestBuilder At(string resource, string method = "GET") =>
        Request.Create().WithPath(Root + resource).UsingMethod(method);

    public static string KeyPath(string set, Guid key) => $"{set}(guid'{key}')";

    public void On(IRequestBuilder request, IResponseBuilder response) => Server.Given(request).RespondWith(response);

    public static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json;charset=utf-8").WithBody(body);

    public static IResponseBuilder Html(int status, string title = "Ошибка") =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "text/html; charset=utf-8")
            .WithBody($"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>");

    public static IResponseBuilder ODataError(int status, string code, string message) =>
        Json("{\"odata.error\":{\"code\":\"" + code + "\",\"message\":{\"lang\":\"ru\",\"value\":\"" + message + "\"}}}", status);

    public int Count(string method, string resource) =>
        Log.Count(e => e.RequestMessage.Method == method && e.RequestMessage.Path == Root + resource);

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        Http.Dispose();
    }

    private sealed class Recorder : DelegatingHandler
    {
        public ConcurrentQueue<string> Urls { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Urls.Enqueue(request.RequestUri!.AbsoluteUri);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
