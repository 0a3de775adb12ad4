using System.Globalization;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.OAuth;
using Crm.Connector.Sandbox.Bitrix24.State;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Bizproc;

/// <summary>
/// Plays the workflow engine reaching a robot: POSTs the §5.3 form to the robot's HANDLER — workflow_id, code,
/// document_id[0..2], document_type[0..2], a new event_token, properties[…], use_subscription, timeout_duration, ts
/// and an <c>auth</c> block with fresh tokens of the robot's AUTH_USER_ID (or the admin). UNCONFIRMED (§5.3, §17): the
/// handler's answer is ignored; timeout_duration is sent as 660.
/// </summary>
internal static class RobotRunner
{
    public static async Task<string> RunAsync(Portal portal, string code, string documentId, IReadOnlyDictionary<string, string>? properties, CancellationToken cancellationToken)
    {
        Robot robot;
        RobotCall call;
        EntityKind entity;
        lock (portal.State.Gate)
        {
            robot = portal.State.Robots.GetValueOrDefault(code) ?? throw new InvalidOperationException($"No robot with CODE '{code}' is registered (bizproc.robot.add).");
            var separator = documentId.LastIndexOf('_');
            var type = separator > 0 ? documentId[..separator] : "";
            entity = EntityKind.All.FirstOrDefault(e => string.Equals(e.DocumentType, type, StringComparison.Ordinal))
                ?? throw new ArgumentException($"Document id '{documentId}' is not DEAL_n, LEAD_n, CONTACT_n or COMPANY_n.", nameof(documentId));
            var workflowId = $"{RandomTokens.Hex(14)}.{RandomTokens.Digits(8)}";
            var token = $"{workflowId}|A{RandomTokens.Digits(5)}_{RandomTokens.Digits(5)}_{RandomTokens.Digits(5)}_{RandomTokens.Digits(5)}|{RandomTokens.Hex(32)}";
            call = new RobotCall(token, code, documentId, workflowId, robot.Waits, PortalTime.Iso(portal.Now));
            portal.State.RobotCalls[token] = call;
        }

        var userId = robot.AuthUserId is { } authUser && portal.State.Users.ContainsKey(authUser) ? authUser : 1;
        var tokens = portal.Tokens.Issue(userId);
        var form = new List<KeyValuePair<string, string>>
        {
            new("workflow_id", call.WorkflowId),
            new("code", code),
            new("document_id[0]", "crm"),
            new("document_id[1]", entity.DocumentClass),
            new("document_id[2]", documentId),
            new("document_type[0]", "crm"),
            new("document_type[1]", entity.DocumentClass),
            new("document_type[2]", entity.DocumentType),
            new("event_token", call.EventToken),
        };
        foreach (var (key, value) in properties ?? new Dictionary<string, string>())
        {
            form.Add(new($"properties[{key}]", value));
        }

        form.Add(new("use_subscription", robot.Waits ? "Y" : "N"));
        form.Add(new("timeout_duration", "660"));
        form.Add(new("ts", portal.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        form.Add(new("auth[access_token]", tokens.AccessToken));
        form.Add(new("auth[refresh_token]", tokens.RefreshToken));
        form.Add(new("auth[expires]", tokens.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        form.Add(new("auth[expires_in]", ((int)portal.Tokens.AccessLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
        form.AddRange(portal.AuthWithoutTokens("auth"));
        form.Add(new("auth[user_id]", userId.ToString(CultureInfo.InvariantCulture)));

        using var content = new FormUrlEncodedContent(form);
        using var response = await portal.Outbound.PostAsync(new Uri(robot.Handler), content, cancellationToken);
        return call.EventToken;
    }
}
