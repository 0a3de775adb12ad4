using Crm.Connector.AmoCrm.Errors;
using Crm.Connector.Bitrix24.Errors;

namespace Crm.Connector.Cli.Portal;

/// <summary>A portal's refusal as one paragraph saying what happened and what to do.</summary>
internal static class PortalErrors
{
    public static string Explain(Exception error, string portal) => error switch
    {
        Bitrix24AuthenticationException e => $"{portal} did not accept the credentials ({e.Code}: {e.Description}). Check the webhook URL — it changes when the webhook is edited — or create a new inbound webhook with CRM access, and run again.",
        Bitrix24AccessDeniedException { Code: Bitrix24ErrorCodes.InsufficientScope } e => $"The webhook lacks a permission {e.Method} needs ({e.Description}). Edit the webhook in Bitrix24 (Developer resources → Inbound webhook), tick CRM (crm) — and Users (user), Tasks (task), Notifications (im) if the template uses them — save, and run again.",
        Bitrix24AccessDeniedException e => $"{portal} refused {e.Method} ({e.Code}: {e.Description}). The webhook's user must be a portal administrator with CRM settings rights.",
        Bitrix24ReinstallRequiredException e => e.Message + ".",
        Bitrix24PaymentRequiredException => $"{portal} says the app's paid period is over (PAYMENT_REQUIRED). Renew it in the Bitrix24 Market, then run again.",
        Bitrix24TransportException e => $"Could not reach {portal}: {e.Description}. Check the address and the network, and run again — the ledger keeps what was done, so nothing is created twice.",
        Bitrix24QueryLimitExceededException => $"{portal} kept answering \"too many requests\" although the client paced itself; another application is probably using the portal's request budget. Wait a minute and run again.",
        Bitrix24Exception e => $"{portal} answered an error to {e.Method}: {(e.Code.Length > 0 ? e.Code + ": " : string.Empty)}{e.Description}. Nothing half-written is lost: the ledger records what was done, and the next run continues.",
        AmoCrmAuthenticationException => $"{portal} did not accept the token: a long-lived token expires on the date chosen when it was made, and is revoked when the integration is switched off or its keys are renewed. Make a new one (Settings → Integrations → your private integration → Keys and scopes) and run again.",
        AmoCrmReinstallRequiredException e => e.Message,
        AmoCrmPaymentRequiredException => $"{portal} says the account is not paid for (402): its trial or paid period is over. Pay for it in amoCRM, then run again.",
        AmoCrmAccountBlockedException => $"{portal} blocked this computer's address (403) after too many requests; nothing more is sent to it for a while. amoCRM lifts such a block through its support only if it persists — wait, and run again later.",
        AmoCrmRateLimitedException => $"{portal} kept answering \"too many requests\" (429) although the client paced itself to 7 a second; another integration is probably using the account's budget. Wait a minute and run again.",
        AmoCrmTransportException e => $"Could not reach {portal}: {e.Message} Check the address and the network, and run again — the ledger keeps what was done, so nothing is created twice.",
        AmoCrmException e => $"{portal} answered an error: {e.Message} Nothing half-written is lost: the ledger records what was done, and the next run continues.",
        InvalidDataException e => e.Message,
        _ => error.Message,
    };

    /// <summary>True for errors that come from the portal, the network or a state file (reported, not crashed on).</summary>
    public static bool IsExpected(Exception error) => error is Bitrix24Exception or AmoCrmException or InvalidDataException or IOException or ArgumentException;
}
