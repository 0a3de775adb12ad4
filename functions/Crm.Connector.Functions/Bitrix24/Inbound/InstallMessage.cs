using System.Globalization;

namespace Crm.Connector.Functions.Bitrix24.Inbound;

/// <summary>
/// An installation message, whichever form it came in: the callback form (§1.2) or one of the ONAPPINSTALL /
/// ONAPPUPDATE / ONAPPUNINSTALL events (§1.3–1.5). Never printed with its tokens.
/// </summary>
public sealed record InstallMessage
{
    public required InstallMessageKind Kind { get; init; }

    public required string MemberId { get; init; }

    /// <summary>The portal's host (with a port for local portals), e.g. <c>acme.bitrix24.ru</c>.</summary>
    public required string Domain { get; init; }

    /// <summary>http for a local portal (<c>PROTOCOL=0</c>), else https.</summary>
    public required string Scheme { get; init; }

    public string? AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    public int ExpiresIn { get; init; } = 3600;

    public string? ApplicationToken { get; init; }

    public Uri? ClientEndpoint { get; init; }

    public Uri? ServerEndpoint { get; init; }

    public string? Scope { get; init; }

    /// <summary>The plan letter: L local, F free, D demo, T trial, P paid.</summary>
    public string? Status { get; init; }

    public string? Version { get; init; }

    public string? Language { get; init; }

    /// <summary>ONAPPUNINSTALL: the admin asked to delete the app's data.</summary>
    public bool Clean { get; init; }

    /// <summary>Where REST calls go: the message's client endpoint, else <c>{scheme}://{domain}/rest/</c>.</summary>
    public Uri RestEndpoint => ClientEndpoint ?? new Uri($"{Scheme}://{Domain}/rest/");

    public override string ToString() => $"{Kind} from {Domain} (member {MemberId})";

    /// <summary>Reads a message from the install URL's query string and form body; the error says which field is wrong.</summary>
    public static (InstallMessage? Message, string? Error) Parse(FormBody query, FormBody form)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(form);
        var name = form.Get("event");
        if (name is null)
        {
            return Callback(query, form);
        }

        var kind = name.ToUpperInvariant() switch
        {
            "ONAPPINSTALL" => InstallMessageKind.Install,
            "ONAPPUPDATE" => InstallMessageKind.Update,
            // The docs' own sample spells it ONAPPSUNINSTALL; both are accepted.
            "ONAPPUNINSTALL" or "ONAPPSUNINSTALL" => InstallMessageKind.Uninstall,
            _ => (InstallMessageKind?)null,
        };
        if (kind is null)
        {
            return (null, $"event '{Short(name)}' is not an installation event (ONAPPINSTALL, ONAPPUPDATE, ONAPPUNINSTALL).");
        }

        var member = form.Get("auth", "member_id");
        var domain = form.Get("auth", "domain");
        if (string.IsNullOrEmpty(member) || string.IsNullOrEmpty(domain))
        {
            return (null, "auth[member_id] and auth[domain] are required.");
        }

        var client = Endpoint(form.Get("auth", "client_endpoint"));
        if (kind != InstallMessageKind.Uninstall && (string.IsNullOrEmpty(form.Get("auth", "access_token")) || string.IsNullOrEmpty(form.Get("auth", "application_token"))))
        {
            return (null, "auth[access_token] and auth[application_token] are required.");
        }

        return (new InstallMessage
        {
            Kind = kind.Value,
            MemberId = member,
            Domain = domain,
            Scheme = client?.Scheme ?? "https",
            AccessToken = form.Get("auth", "access_token"),
            RefreshToken = form.Get("auth", "refresh_token"),
            ExpiresIn = Int(form.Get("auth", "expires_in")) ?? 3600,
            ApplicationToken = form.Get("auth", "application_token"),
            ClientEndpoint = client,
            ServerEndpoint = Endpoint(form.Get("auth", "server_endpoint")),
            Scope = form.Get("auth", "scope"),
            Status = form.Get("auth", "status"),
            Version = form.Get("data", "VERSION"),
            Language = form.Get("data", "LANGUAGE_ID"),
            Clean = form.Get("data", "CLEAN") == "1",
        }, null);
    }

    private static (InstallMessage?, string?) Callback(FormBody query, FormBody form)
    {
        var member = form.Get("member_id");
        var domain = query.Get("DOMAIN") ?? form.Get("DOMAIN");
        var access = form.Get("AUTH_ID");
        if (string.IsNullOrEmpty(member) || string.IsNullOrEmpty(domain) || string.IsNullOrEmpty(access))
        {
            return (null, "not an installation request: member_id, DOMAIN and AUTH_ID (or event=ONAPPINSTALL) are required.");
        }

        var protocol = query.Get("PROTOCOL") ?? form.Get("PROTOCOL");
        return (new InstallMessage
        {
            Kind = InstallMessageKind.Callback,
            MemberId = member,
            Domain = domain,
            Scheme = protocol == "0" ? "http" : "https",
            AccessToken = access,
            RefreshToken = form.Get("REFRESH_ID"),
            ExpiresIn = Int(form.Get("AUTH_EXPIRES")) ?? 3600,
            ApplicationToken = form.Get("APPLICATION_TOKEN"),
            ServerEndpoint = Endpoint(form.Get("SERVER_ENDPOINT")),
            Scope = form.Get("APPLICATION_SCOPE"),
            Status = form.Get("status"),
            Language = query.Get("LANG"),
        }, null);
    }

    private static Uri? Endpoint(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    private static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
