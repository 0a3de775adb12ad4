using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Bitrix24.Lists;
using Crm.Connector.Bitrix24.Models;
using Crm.Connector.Bitrix24.Services;
using Crm.Connector.Bitrix24.Services.Bizproc;
using Crm.Connector.Bitrix24.Services.Crm;
using Crm.Connector.Bitrix24.Services.Events;
using Crm.Connector.Bitrix24.Transport;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using RestSharp;

namespace Crm.Connector.Bitrix24;

/// <summary>
/// A Bitrix24 portal, reached through an incoming webhook or an OAuth app installation. Services are named after the
/// REST methods (<c>crm.deal.update</c> → <c>client.Crm.Deals.UpdateAsync</c>); anything else goes through
/// <see cref="CallAsync"/>. Every call shares one transport: rate limits, retries, token refresh, address changes.
/// </summary>
public sealed class Bitrix24Client : IDisposable
{
    private readonly RestClient? _ownedHttp;
    private readonly BatchRunner _batches;
    private readonly ListReader _lists;

    /// <summary>
    /// A client over <paramref name="http"/>; without one, the client makes (and disposes) its own HTTP client — for the
    /// CLI and tests. A service takes its <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> instead
    /// (the constructor taking an <see cref="HttpClient"/>).
    /// </summary>
    public Bitrix24Client(Bitrix24Credentials credentials, Bitrix24ClientOptions? options = null, IRestClient? http = null)
        : this(credentials, options ?? new Bitrix24ClientOptions(), http, owned: null)
    {
    }

    /// <summary>
    /// A client over an <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> (registered by
    /// <see cref="Bitrix24ServiceCollectionExtensions.AddBitrix24Http"/>): the factory owns and pools the handler, so
    /// this client holds no connection of its own.
    /// </summary>
    public Bitrix24Client(Bitrix24Credentials credentials, HttpClient httpClient, Bitrix24ClientOptions? options = null)
        : this(credentials, options ??= new Bitrix24ClientOptions(), null, CreateHttp(httpClient, options))
    {
    }

    private Bitrix24Client(Bitrix24Credentials credentials, Bitrix24ClientOptions options, IRestClient? http, RestClient? owned)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Options = options;
        BatchRunner.CheckCommandsPerBatch(Options.CommandsPerBatch);
        if (http is null)
        {
            _ownedHttp = owned ?? CreateHttp(Options);
            http = _ownedHttp;
        }

        Requestor = new Bitrix24Requestor(credentials, Options, http);
        _batches = new BatchRunner(Requestor, Options.CommandsPerBatch);
        _lists = new ListReader(Requestor, _batches);
        Crm = new CrmServices(Requestor, _lists);
        Tasks = new TaskService(Requestor);
        Notify = new NotifyService(Requestor);
        Bizproc = new BizprocServices(Requestor);
        Events = new EventService(Requestor);
        App = new AppService(Requestor);
        Placements = new PlacementService(Requestor);
        Users = new UserService(_lists);
    }

    /// <summary>Raised when the portal answered from a new address (its domain was renamed).</summary>
    public event EventHandler<EndpointMovedEventArgs>? EndpointMoved
    {
        add => Requestor.EndpointMoved += value;
        remove => Requestor.EndpointMoved -= value;
    }

    public Bitrix24ClientOptions Options { get; }

    public Bitrix24Requestor Requestor { get; }

    public Bitrix24Credentials Credentials => Requestor.Credentials;

    /// <summary><c>crm.*</c>: pipelines, stages, fields, items, to-dos, timeline.</summary>
    public CrmServices Crm { get; }

    /// <summary><c>tasks.task.*</c>.</summary>
    public TaskService Tasks { get; }

    /// <summary><c>im.notify.*</c>.</summary>
    public NotifyService Notify { get; }

    /// <summary><c>bizproc.robot.*</c>, <c>bizproc.event.send</c>.</summary>
    public BizprocServices Bizproc { get; }

    /// <summary><c>event.*</c>, <c>event.offline.*</c>.</summary>
    public EventService Events { get; }

    /// <summary><c>app.info</c>, <c>scope</c>.</summary>
    public AppService App { get; }

    /// <summary><c>placement.bind</c>, <c>placement.unbind</c>, <c>placement.get</c>, <c>placement.list</c>: the app's widgets.</summary>
    public PlacementService Placements { get; }

    /// <summary><c>user.get</c>, <c>department.get</c>.</summary>
    public UserService Users { get; }

    /// <summary>Requests, retries, refreshes and address changes so far.</summary>
    public ClientStatistics Statistics => Requestor.Statistics;

    /// <summary>A client for an incoming webhook URL.</summary>
    public static Bitrix24Client ForWebhook(Uri webhookUrl, Bitrix24ClientOptions? options = null) =>
        new(new WebhookCredentials(webhookUrl), options);

    /// <summary>
    /// A client for an app installation whose tokens are in <paramref name="store"/>, with its own HTTP client (disposed
    /// with it) — for the CLI and tests.
    /// </summary>
    public static Bitrix24Client ForInstallation(string memberId, ITokenStore store, OAuthAppOptions app, Bitrix24ClientOptions? options = null)
    {
        options ??= new Bitrix24ClientOptions();
        var http = CreateHttp(options);
        var oauth = new Bitrix24OAuthClient(app, http, options.TimeProvider ?? TimeProvider.System);
        return new Bitrix24Client(new OAuthCredentials(memberId, store, oauth, options.TimeProvider ?? TimeProvider.System), options, http, owned: http);
    }

    /// <summary>
    /// A client for an app installation whose tokens are in <paramref name="store"/>, over an <see cref="HttpClient"/>
    /// from <see cref="IHttpClientFactory"/> (REST calls and token refreshes both): nothing of its own to dispose.
    /// </summary>
    public static Bitrix24Client ForInstallation(string memberId, ITokenStore store, OAuthAppOptions app, HttpClient httpClient, Bitrix24ClientOptions? options = null)
    {
        options ??= new Bitrix24ClientOptions();
        var http = CreateHttp(httpClient, options);
        var oauth = new Bitrix24OAuthClient(app, http, options.TimeProvider ?? TimeProvider.System);
        return new Bitrix24Client(new OAuthCredentials(memberId, store, oauth, options.TimeProvider ?? TimeProvider.System), options, http, owned: http);
    }

    /// <summary>Any REST method, with its parameters as JSON.</summary>
    public Task<Bitrix24Response> CallAsync(string method, JObject? parameters = null, CancellationToken cancellationToken = default) =>
        Requestor.CallAsync(method, parameters, cancellationToken);

    /// <summary><c>profile</c>: the user these credentials act as.</summary>
    public async Task<Profile> ProfileAsync(CancellationToken cancellationToken = default) =>
        Bitrix24Json.To<Profile>((await Requestor.CallAsync("profile", null, cancellationToken)).Result);

    /// <summary>
    /// <c>batch</c>: any number of commands, 50 per request, in dependency order; each command's outcome is reported.
    /// With <paramref name="halt"/>, the first failure stops the rest (reported as not run). Requests go one after another
    /// unless <paramref name="order"/> says the commands rely on each other only through <c>$result</c> references (or
    /// every command only reads): then those that do not refer to each other go out together while the bucket has room.
    /// </summary>
    public Task<BatchResult> BatchAsync(IReadOnlyList<BatchCommand> commands, bool halt = false, BatchOrder order = BatchOrder.AsGiven, CancellationToken cancellationToken = default) =>
        _batches.RunAsync(commands, halt, order, cancellationToken);

    /// <summary>A list method read page by page (follows <c>next</c>).</summary>
    public IAsyncEnumerable<JObject> ListAsync(string method, JObject? parameters, ListShape shape, CancellationToken cancellationToken = default) =>
        _lists.PagesAsync(method, parameters, shape, cancellationToken);

    /// <summary>A list method read by the fast id-keyset scan, up to 2,500 rows per request.</summary>
    public IAsyncEnumerable<JObject> ScanAsync(string method, JObject? parameters, ListShape shape, int pagesPerRequest = 50, CancellationToken cancellationToken = default) =>
        _lists.ScanAsync(method, parameters, shape, pagesPerRequest, cancellationToken);

    /// <summary>A list method read by id ranges scanned at once, rows in id order (<see cref="ListReader.ReadAllAsync"/>).</summary>
    public IAsyncEnumerable<JObject> ReadAllAsync(string method, JObject? parameters, ListShape shape, int pagesPerRequest = 50, CancellationToken cancellationToken = default) =>
        _lists.ReadAllAsync(method, parameters, shape, pagesPerRequest, cancellationToken);

    public void Dispose() => _ownedHttp?.Dispose();

    /// <summary>The HTTP client the transport needs: no automatic redirects (a POST must be re-sent, not turned into a GET).</summary>
    public static RestClient CreateHttp(Bitrix24ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RestClient(RestOptions(options));
    }

    /// <summary>
    /// RestSharp over an <see cref="HttpClient"/> made elsewhere (not disposed with it). RestSharp's
    /// <c>FollowRedirects = false</c> does not reach such a client's handler: the handler itself must not follow redirects,
    /// as the one <see cref="Bitrix24ServiceCollectionExtensions.AddBitrix24Http"/> registers does not.
    /// </summary>
    public static RestClient CreateHttp(HttpClient httpClient, Bitrix24ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        return new RestClient(httpClient, RestOptions(options, ownHandler: false), disposeHttpClient: false);
    }

    private static RestClientOptions RestOptions(Bitrix24ClientOptions options, bool ownHandler = true) => new()
    {
        FollowRedirects = false,

        // Over a factory's client the handler's attempt timeout rules alone, so that the circuit breaker sees it.
        Timeout = ownHandler ? options.Timeout : null,
        UserAgent = options.UserAgent,
        ThrowOnAnyError = false,
    };
}
