namespace Crm.Connector.OneC;

/// <summary>
/// Makes <see cref="IOneCAccounting"/> and publication checks for a base, over the named <see cref="HttpClient"/>
/// <see cref="HttpClientName"/> from <see cref="IHttpClientFactory"/> (registered by <c>AddOneC</c>), or over one given
/// <see cref="HttpClient"/> in tests.
/// </summary>
public sealed class OneCAccountingFactory
{
    /// <summary>The name of the <see cref="HttpClient"/> registered for 1C.</summary>
    public const string HttpClientName = "onec";

    private readonly Func<HttpClient> _http;
    private readonly TimeProvider _time;

    /// <summary>A factory taking its <see cref="HttpClient"/>s from <paramref name="httpClients"/> (named <see cref="HttpClientName"/>).</summary>
    public OneCAccountingFactory(IHttpClientFactory httpClients, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        _http = () => httpClients.CreateClient(HttpClientName);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A factory over one <paramref name="httpClient"/> (not disposed here): for tests and tools.</summary>
    public OneCAccountingFactory(HttpClient httpClient, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = () => httpClient;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The OData transport for <paramref name="connection"/> (for the setup wizard's lists and for posting).</summary>
    public OneCClient CreateClient(OneCConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new OneCClient(_http(), connection, _time);
    }

    /// <summary>The accounting operations on the base at <paramref name="connection"/>, named as <paramref name="names"/> says.</summary>
    public IOneCAccounting Create(OneCConnection connection, OneCEntityNames names) => new OneCAccounting(CreateClient(connection), names);

    /// <summary>
    /// Reads the service document and reports what is published, the configuration recognised, what is missing and how an
    /// administrator publishes it. No service document at the address (404, "not published") → OData is not published at
    /// all. Other failures (wrong password, 1C down) are thrown as <see cref="OneCException"/>.
    /// </summary>
    public async Task<OneCPublicationReport> CheckAsync(OneCConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            var sets = await CreateClient(connection).EntitySetsAsync(cancellationToken);
            return OneCPublicationReport.From(sets);
        }
        catch (OneCException e) when (e.Kind is OneCErrorKind.NotPublished or OneCErrorKind.NotFound)
        {
            return OneCPublicationReport.NotPublished();
        }
    }
}
