using System.Globalization;
using Crm.Connector.Sandbox.AmoCrm.Core;
using Crm.Connector.Sandbox.AmoCrm.State;
using Crm.Connector.Sandbox.AmoCrm.Webhooks;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>One authenticated API request as a route handler sees it (handlers run under the state's gate).</summary>
internal sealed class ApiCall
{
    public required Account Account { get; init; }

    public required string Method { get; init; }

    /// <summary>The request path, e.g. <c>/api/v4/leads/20000001</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Values of the route's <c>{…}</c> segments, in order.</summary>
    public required IReadOnlyList<string> Args { get; init; }

    /// <summary>The query string, PHP bracket keys nested.</summary>
    public required JObject Query { get; init; }

    /// <summary>The JSON body; null when there is none.</summary>
    public JToken? Body { get; init; }

    /// <summary>The user the access token belongs to.</summary>
    public required long UserId { get; init; }

    /// <summary>Now, unix seconds.</summary>
    public required long Now { get; init; }

    public AccountState State => Account.State;

    /// <summary>Changes the request made, sent to webhook destinations once it succeeded (§8).</summary>
    public List<WebhookChange> Changes { get; } = [];

    public long Id(int index = 0) =>
        long.TryParse(Args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw ApiProblem.NotFound();

    public string? QueryValue(string name) => Query[name] is JValue { Value: not null } value ? value.ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>The <c>with</c> parameter as a set (<c>with=contacts,loss_reason</c>).</summary>
    public IReadOnlySet<string> With =>
        new HashSet<string>((QueryValue("with") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
}
