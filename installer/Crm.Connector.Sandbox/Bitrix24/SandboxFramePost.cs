namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>
/// What a portal page POSTs into the app's frame (bitrix24-rest.md §1.2): the handler, the query string (DOMAIN,
/// PROTOCOL, LANG, APP_SID) and the form body (AUTH_ID, AUTH_EXPIRES, REFRESH_ID, SERVER_ENDPOINT, APPLICATION_TOKEN,
/// APPLICATION_SCOPE, member_id, status, PLACEMENT, PLACEMENT_OPTIONS). A test sends it itself, as is or forged
/// (<see cref="WithField"/>), e.g. after <see cref="Bitrix24Sandbox.ExpireAccessTokens"/>.
/// </summary>
public sealed record SandboxFramePost
{
    /// <summary>The app's handler as bound (without the frame's query string).</summary>
    public required Uri Handler { get; init; }

    /// <summary>DOMAIN, PROTOCOL (0 http / 1 https), LANG, APP_SID — in that order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Query { get; init; }

    /// <summary>The form fields, in the order a portal sends them.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Body { get; init; }

    /// <summary>The OAuth pair in AUTH_ID / REFRESH_ID, issued for the acting user.</summary>
    public required SandboxTokens Tokens { get; init; }

    /// <summary>The form's action: <see cref="Handler"/> with <see cref="Query"/> appended to its own query.</summary>
    public Uri Action
    {
        get
        {
            var query = string.Join('&', Query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
            var builder = new UriBuilder(Handler);
            var existing = builder.Query.TrimStart('?');
            builder.Query = existing.Length == 0 ? query : existing + "&" + query;
            return builder.Uri;
        }
    }

    /// <summary>A body field's value (e.g. <c>PLACEMENT_OPTIONS</c>), null when absent.</summary>
    public string? Field(string name) => Body.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();

    /// <summary>The same post with body field <paramref name="name"/> set to <paramref name="value"/> (added when absent).</summary>
    public SandboxFramePost WithField(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var found = Body.Any(p => p.Key == name);
        List<KeyValuePair<string, string>> body = [.. Body.Select(p => p.Key == name ? new KeyValuePair<string, string>(name, value) : p)];
        if (!found)
        {
            body.Add(new(name, value));
        }

        return this with { Body = body };
    }

    /// <summary>The body, form-encoded, for <c>HttpClient.PostAsync(post.Action, post.ToContent())</c>.</summary>
    public FormUrlEncodedContent ToContent() => new(Body);

    /// <summary>Tokens never appear in logs or assertion messages.</summary>
    public override string ToString() => $"SandboxFramePost({Field("PLACEMENT")} → {Handler}, user {Tokens.UserId})";
}
