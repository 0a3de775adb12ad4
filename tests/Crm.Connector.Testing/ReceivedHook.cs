using System.Net;

namespace Crm.Connector.Testing;

/// <summary>
/// One request a <see cref="HookReceiver"/> got, as sent: <see cref="Form"/> keeps PHP bracket keys
/// (<c>data[FIELDS][ID]</c>) and the order of fields.
/// </summary>
public sealed record ReceivedHook(string Method, string Path, string ContentType, string Body)
{
    public IReadOnlyList<KeyValuePair<string, string>> Form { get; } =
        [.. Body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return new KeyValuePair<string, string>(
                WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]),
                equals < 0 ? string.Empty : WebUtility.UrlDecode(pair[(equals + 1)..]));
        })];

    /// <summary>The first value of form field <paramref name="key"/>, or null.</summary>
    public string? this[string key] => Form.Where(f => f.Key == key).Select(f => f.Value).FirstOrDefault();
}
