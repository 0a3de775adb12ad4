namespace Crm.Connector.OneC;

/// <summary>
/// Where a 1C base's standard OData interface answers and who logs in. <see cref="ServiceRoot"/> is always the
/// <c>…/odata/standard.odata/</c> URL with its trailing slash (relative resource names resolve under it): the infobase URL
/// the web client uses (<c>https://host/buh</c>) is completed, and a user name or password in the URL is dropped.
/// </summary>
/// <param name="ServiceRoot">The infobase URL or its <c>/odata/standard.odata/</c> URL.</param>
/// <param name="User">An infobase user with "Аутентификация 1С:Предприятия" (may be Cyrillic, e.g. «Администратор»).</param>
/// <param name="Password">That user's password; never printed.</param>
public sealed record OneCConnection(Uri ServiceRoot, string User, string Password)
{
    private const string ODataPath = "odata/standard.odata/";

    /// <summary>The <c>…/odata/standard.odata/</c> URL, with its trailing slash.</summary>
    public Uri ServiceRoot { get; init; } = Normalize(ServiceRoot);

    /// <summary>The service root completed from an infobase URL or an OData URL given with or without its trailing slash.</summary>
    public static Uri Normalize(Uri serviceRoot)
    {
        ArgumentNullException.ThrowIfNull(serviceRoot);
        if (!serviceRoot.IsAbsoluteUri || (serviceRoot.Scheme != Uri.UriSchemeHttp && serviceRoot.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The 1C address must be an absolute http(s) URL, e.g. https://host/base.", nameof(serviceRoot));
        }

        var path = serviceRoot.AbsolutePath;
        if (!path.EndsWith('/'))
        {
            path += "/";
        }

        if (!path.EndsWith("/" + ODataPath, StringComparison.OrdinalIgnoreCase))
        {
            path += ODataPath;
        }

        // No query, no fragment, no user info: credentials travel only in the Authorization header.
        var builder = new UriBuilder(serviceRoot.Scheme, serviceRoot.Host, serviceRoot.Port, path);
        if (serviceRoot.IsDefaultPort)
        {
            builder.Port = -1;
        }

        return builder.Uri;
    }

    /// <summary>The address and the user; never the password.</summary>
    public override string ToString() => $"OneCConnection {{ ServiceRoot = {ServiceRoot}, User = {User} }}";
}
