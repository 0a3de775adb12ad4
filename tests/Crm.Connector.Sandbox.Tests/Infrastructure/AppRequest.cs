using System.Net;
using Crm.Connector.Testing;

namespace Crm.Connector.Sandbox.Tests.Infrastructure;

/// <summary>One request an <see cref="AppReceiver"/> got: the form (see <see cref="ReceivedHook"/>) and the raw query string.</summary>
internal sealed record AppRequest(ReceivedHook Hook, string Query, string UserAgent)
{
    /// <summary>The query's fields in order, decoded.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> QueryFields { get; } =
        [.. Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return new KeyValuePair<string, string>(
                WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]),
                equals < 0 ? string.Empty : WebUtility.UrlDecode(pair[(equals + 1)..]));
        })];

    public string Path => Hook.Path;

    /// <summary>The first value of form field <paramref name="key"/>, or null.</summary>
    public string? this[string key] => Hook[key];

    /// <summary>The first value of query field <paramref name="key"/>, or null.</summary>
    public string? QueryValue(string key) => QueryFields.Where(f => f.Key == key).Select(f => f.Value).FirstOrDefault();
}
