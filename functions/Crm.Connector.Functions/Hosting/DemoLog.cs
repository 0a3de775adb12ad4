namespace Crm.Connector.Functions.Hosting;

internal static partial class DemoLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = """
        Demo: no Bitrix24 app is configured, so a sandbox portal was started in this process and installed the app as the marketplace does ({Summary}).
          Sandbox portal:   {Portal}  (state: {Portal}_sandbox/state)
          Its webhook URL:  {Webhook}  (REST as the portal's admin: change deals there and watch this log)
          The app:          {App}/api/health
          The app's pages:  {AppPage}  (the portal's page framing the app as its admin; ?user=2 as a manager)
        Configure Bitrix24:ClientId and Bitrix24:ClientSecret (and App:PublicUrl) to serve real portals instead.
        """)]
    public static partial void Ready(ILogger logger, Uri portal, Uri webhook, string app, Uri appPage, string summary);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = """
        Demo: deal {DealId} was created in «{Pipeline}» with five test scores of 90 (sum {Sum}, threshold {Threshold}); the portal sent the event,
          the app ran admission scoring and wrote {ResultField} = {Value} back, {Elapsed} ms after the deal was created.
          Lower one score and the app withdraws the admission (this log then shows "admission scoring: total … < {Threshold}"):
            {Command}
        """)]
    public static partial void AutomationRan(ILogger logger, string dealId, string pipeline, int sum, decimal threshold, string resultField, string value, long elapsed, string command);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Demo: template {Template} has no admission scoring in its main pipeline; change deals through the webhook URL above and watch the log.")]
    public static partial void NoWalkthrough(ILogger logger, string template);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Demo: deal {DealId} has no {ResultField} after 60 s; see the log above for what the worker did.")]
    public static partial void NoResult(ILogger logger, string dealId, string resultField);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Error, Message = "Demo: the walkthrough could not talk to the sandbox portal: {Error}")]
    public static partial void WalkthroughFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Demo: the sandbox could not install the app at {InstallUrl}: {Error}")]
    public static partial void InstallFailed(ILogger logger, Uri installUrl, string error);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = """
        Demo: 1C — a sandbox 1C (БП 3.0 over OData) was connected to the portal: {OneC}
          Deal {DealId} was moved to «Выставление счета» for 30000: the app made the invoice in 1C under its own key and wrote its number {Number} to the deal, {Elapsed} ms later.
        """)]
    public static partial void OneCInvoiced(ILogger logger, string dealId, string number, long elapsed, Uri oneC);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Information, Message = "Demo: 1C — a bank receipt of 10000 against that invoice was entered in 1C; the app's poll found it and wrote «Оплачено» {Paid}, «Осталось оплатить» {Remaining}, and moved deal {DealId} to {Stage} ({Elapsed} ms).")]
    public static partial void OneCPaid(ILogger logger, string dealId, string paid, string remaining, string stage, long elapsed);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Warning, Message = "Demo: 1C — deal {DealId} shows no sign of {What} after 60 s; see the log above for what the 1C sync did.")]
    public static partial void OneCNoResult(ILogger logger, string dealId, string what);
}
