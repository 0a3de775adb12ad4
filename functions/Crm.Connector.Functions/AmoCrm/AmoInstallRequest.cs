using Crm.Connector.Functions.Bitrix24.Inbound;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>
/// The consent redirect's query (amocrm-api.md §2.3): <c>code</c>, <c>state</c>, <c>referer</c> (the account host),
/// <c>client_id</c>, <c>from_widget</c> (a marketplace widget install: no state), or <c>error=access_denied</c>.
/// </summary>
public sealed record AmoInstallRequest
{
    public string? Code { get; init; }

    public string? State { get; init; }

    public string? Referer { get; init; }

    public string? ClientId { get; init; }

    public bool FromWidget { get; init; }

    public string? Error { get; init; }

    public static AmoInstallRequest From(FormBody query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new AmoInstallRequest
        {
            Code = query.Get("code"),
            State = query.Get("state"),
            Referer = query.Get("referer"),
            ClientId = query.Get("client_id"),
            FromWidget = query.Has("from_widget"),
            Error = query.Get("error"),
        };
    }

    /// <summary>Never the code.</summary>
    public override string ToString() => $"amoCRM install from {Referer ?? "(no referer)"}{(FromWidget ? " (widget)" : string.Empty)}";
}
