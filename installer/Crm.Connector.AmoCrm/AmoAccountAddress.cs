namespace Crm.Connector.AmoCrm;

/// <summary>
/// Where an account's calls go (amocrm-api.md §1: always the account host, never www): <c>https://school.amocrm.ru</c>,
/// or <c>http://127.0.0.1:5123</c> for the sandbox. <see cref="Key"/> names the account in token stores, ledgers and
/// request budgets.
/// </summary>
public sealed record AmoAccountAddress(Uri BaseUrl)
{
    /// <summary>Scheme and authority only, with a trailing slash (a path given is dropped).</summary>
    public Uri BaseUrl { get; } = Normalize(BaseUrl);

    /// <summary>The host (and port when not the default), lower-case: <c>school.amocrm.ru</c>, <c>127.0.0.1:5123</c>.</summary>
    public string Key => BaseUrl.Authority.ToLowerInvariant();

    /// <summary>Reads <c>school.amocrm.ru</c>, <c>https://school.amocrm.ru/</c>, <c>http://127.0.0.1:5123/api/v4</c>…; without a scheme, https.</summary>
    public static AmoAccountAddress Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var trimmed = text.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            trimmed = "https://" + trimmed;
        }

        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? new AmoAccountAddress(uri)
            : throw new FormatException($"Not an amoCRM account address: {text}");
    }

    public override string ToString() => Key;

    private static Uri Normalize(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return baseUrl.IsAbsoluteUri
            ? new Uri(baseUrl.GetLeftPart(UriPartial.Authority) + "/")
            : throw new ArgumentException($"An account address must be absolute: {baseUrl}", nameof(baseUrl));
    }
}
