using System.Globalization;

namespace Crm.Connector.Functions.Bitrix24.Inbound;

/// <summary>
/// A call of one of the app's robots (bitrix24-rest.md §5.3): which robot, on which document (<c>DEAL_42</c>), the
/// event token to answer with through <c>bizproc.event.send</c>, and the properties the admin set.
/// </summary>
public sealed record RobotMessage
{
    public required string Code { get; init; }

    public required string MemberId { get; init; }

    public required string ApplicationToken { get; init; }

    /// <summary><c>deal</c>, <c>lead</c>, <c>contact</c>, <c>company</c>.</summary>
    public required string Entity { get; init; }

    public required long ItemId { get; init; }

    public required string EventToken { get; init; }

    public string? WorkflowId { get; init; }

    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public override string ToString() => $"robot {Code} on {Entity} {ItemId} (member {MemberId})";

    /// <summary>Reads a robot call; <paramref name="routeCode"/> is the code in the URL, which must agree with the form's.</summary>
    public static (RobotMessage? Message, string? Error) Parse(FormBody form, string? routeCode)
    {
        ArgumentNullException.ThrowIfNull(form);
        var code = form.Get("code") ?? routeCode;
        if (string.IsNullOrEmpty(code) || code.Length > 100 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            return (null, "code must be the robot's code (a-z, 0-9, '.', '-', '_').");
        }

        if (routeCode is not null && !string.Equals(routeCode, code, StringComparison.Ordinal))
        {
            return (null, "the robot code in the URL and in the form differ.");
        }

        var member = form.Get("auth", "member_id");
        var token = form.Get("auth", "application_token");
        if (string.IsNullOrEmpty(member) || string.IsNullOrEmpty(token))
        {
            return (null, "auth[member_id] and auth[application_token] are required.");
        }

        var eventToken = form.Get("event_token");
        if (string.IsNullOrEmpty(eventToken) || eventToken.Length > 500)
        {
            return (null, "event_token is required.");
        }

        // document_id[2] is ENTITY_ID, e.g. DEAL_42 (§5.3).
        var document = form.Get("document_id", "2") ?? string.Empty;
        var underscore = document.LastIndexOf('_');
        if (underscore <= 0 || !long.TryParse(document[(underscore + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return (null, "document_id[2] must name a CRM item, e.g. DEAL_42.");
        }

        var entity = document[..underscore].ToUpperInvariant() switch
        {
            "DEAL" => "deal",
            "LEAD" => "lead",
            "CONTACT" => "contact",
            "COMPANY" => "company",
            _ => null,
        };
        if (entity is null)
        {
            return (null, $"document_id[2] '{(document.Length <= 40 ? document : document[..40])}' is not a deal, lead, contact or company.");
        }

        var properties = form.Children("properties")
            .Where(p => p.Value.IsValue)
            .ToDictionary(p => p.Key, p => p.Value.Value!, StringComparer.Ordinal);
        return (new RobotMessage
        {
            Code = code,
            MemberId = member,
            ApplicationToken = token,
            Entity = entity,
            ItemId = id,
            EventToken = eventToken,
            WorkflowId = form.Get("workflow_id"),
            Properties = properties,
        }, null);
    }
}
