using Crm.Connector.AmoCrm.Auth;
using Crm.Connector.AmoCrm.Services;
using Crm.Connector.AmoCrm.Transport;
using RestSharp;

namespace Crm.Connector.AmoCrm;

/// <summary>
/// An amoCRM account, reached through an OAuth installation (<see cref="ForInstallation"/>) or a private integration's
/// long-lived token. Services are named after the API resources (<c>PATCH /api/v4/leads</c> →
/// <c>client.Leads.UpdateAsync</c>); all share one transport: 7 requests a second per account through the shared
/// request budget, token refresh, retries of what is safe to repeat, errors mapped in one place.
/// </summary>
public sealed class AmoCrmClient : IDisposable
{
    private readonly RestClient? _ownedHttp;
    private readonly AmoTransport _transport;

    /// <summary>
    /// A private integration with a long-lived token (no refresh: a 401 means it expired or was revoked). Over
    /// <paramref name="http"/> from <see cref="IHttpClientFactory"/> (<c>AddAmoCrmHttp</c>), or without one over an HTTP
    /// client of its own, disposed with it.
    /// </summary>
    public AmoCrmClient(AmoAccountAddress account, string longLivedToken, AmoCrmClientOptions? options = null, HttpClient? http = null)
        : this(account, options ?? new AmoCrmClientOptions(), http, (_, _) => new LongLivedCredentials(longLivedToken))
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(longLivedToken);
    }

    private AmoCrmClient(AmoAccountAddress account, AmoCrmClientOptions options, HttpClient? http, Func<AmoTransport, AmoOAuthClient, AmoCredentials> credentials)
    {
        ArgumentNullException.ThrowIfNull(account);
        Account = account;
        Options = options;
        var rest = CreateHttp(options, http);
        _ownedHttp = http is null ? rest : null;
        _transport = new AmoTransport(rest, options, new ClientCounters());
        var requestor = new AmoCrmRequestor(account, credentials(_transport, new AmoOAuthClient(_transport)), _transport);
        AccountInfo = new AccountService(requestor);
        Users = new UserService(requestor);
        Roles = new RoleService(requestor);
        Pipelines = new PipelineService(requestor);
        Statuses = new StatusService(requestor);
        CustomFields = new CustomFieldService(requestor);
        FieldGroups = new CustomFieldGroupService(requestor);
        LossReasons = new LossReasonService(requestor);
        Leads = new LeadService(requestor);
        Contacts = new ContactService(requestor);
        Companies = new CompanyService(requestor);
        Links = new LinkService(requestor);
        Tasks = new TaskService(requestor);
        Notes = new NoteService(requestor);
        Webhooks = new WebhookService(requestor);
        Events = new EventService(requestor);
    }

    /// <summary>Where calls go.</summary>
    public AmoAccountAddress Account { get; }

    public AmoCrmClientOptions Options { get; }

    /// <summary>Requests sent, 429s seen, retries, refreshes so far.</summary>
    public AmoClientStatistics Statistics => _transport.Counters.Snapshot();

    /// <summary><c>GET /api/v4/account</c>.</summary>
    public AccountService AccountInfo { get; }

    /// <summary><c>/api/v4/users</c>.</summary>
    public UserService Users { get; }

    /// <summary><c>/api/v4/roles</c>.</summary>
    public RoleService Roles { get; }

    /// <summary><c>/api/v4/leads/pipelines</c>.</summary>
    public PipelineService Pipelines { get; }

    /// <summary><c>/api/v4/leads/pipelines/{id}/statuses</c>.</summary>
    public StatusService Statuses { get; }

    /// <summary><c>/api/v4/{entity}/custom_fields</c>.</summary>
    public CustomFieldService CustomFields { get; }

    /// <summary><c>/api/v4/{entity}/custom_fields/groups</c>.</summary>
    public CustomFieldGroupService FieldGroups { get; }

    /// <summary><c>/api/v4/leads/loss_reasons</c>.</summary>
    public LossReasonService LossReasons { get; }

    /// <summary><c>/api/v4/leads</c>.</summary>
    public LeadService Leads { get; }

    /// <summary><c>/api/v4/contacts</c>.</summary>
    public ContactService Contacts { get; }

    /// <summary><c>/api/v4/companies</c>.</summary>
    public CompanyService Companies { get; }

    /// <summary><c>/api/v4/{entity}/{id}/link|unlink|links</c>.</summary>
    public LinkService Links { get; }

    /// <summary><c>/api/v4/tasks</c>.</summary>
    public TaskService Tasks { get; }

    /// <summary><c>/api/v4/{entity}/notes</c>.</summary>
    public NoteService Notes { get; }

    /// <summary><c>/api/v4/webhooks</c>.</summary>
    public WebhookService Webhooks { get; }

    /// <summary><c>/api/v4/events</c>.</summary>
    public EventService Events { get; }

    /// <summary>
    /// An OAuth installation whose token pair is in <paramref name="store"/> (saved there at install with
    /// <see cref="AmoOAuthClient.ExchangeCodeAsync"/>). Refreshes are single-flight per account in this process; each new
    /// pair is saved before it is used.
    /// </summary>
    public static AmoCrmClient ForInstallation(AmoAccountAddress account, IAmoTokenStore store, AmoOAuthApp app, AmoCrmClientOptions? options = null, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(app);
        return new AmoCrmClient(account, options ?? new AmoCrmClientOptions(), http, (transport, oauth) => new InstallationCredentials(account, store, app, oauth, transport));
    }

    public void Dispose() => _ownedHttp?.Dispose();

    /// <summary>
    /// RestSharp over <paramref name="http"/> (not disposed with it; its handler's timeout rules), or over a client of its
    /// own with <see cref="AmoCrmClientOptions.Timeout"/>. Redirects are not followed: a POST must not turn into a GET.
    /// </summary>
    internal static RestClient CreateHttp(AmoCrmClientOptions options, HttpClient? http)
    {
        var rest = new RestClientOptions
        {
            FollowRedirects = false,
            Timeout = http is null ? options.Timeout : null,
            UserAgent = options.UserAgent,
            ThrowOnAnyError = false,
        };
        return http is null ? new RestClient(rest) : new RestClient(http, rest, disposeHttpClient: false);
    }
}
