namespace Crm.Connector.Functions.Hosting;

internal static partial class DemoLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = """
        Demo: no Bitrix24 app is configured, so a sandbox portal was started and the app installed into it ({Summary}).
          Sandbox portal:   {Portal}  (state: {Portal}_sandbox/state)
          Its webhook URL:  {Webhook}  — change a deal there and watch the log:
                            curl -X POST '{Webhook}crm.deal.update' -H 'Content-Type: application/json' -d '{{"id":1,"fields":{{"TITLE":"changed"}}}}'
          The app:          {App}/api/health
        Configure Bitrix24:ClientId and Bitrix24:ClientSecret (and App:PublicUrl) to serve real portals instead.
        """)]
    public static partial void Ready(ILogger logger, Uri portal, Uri webhook, string app, Crm.Connector.Sandbox.Bitrix24.SandboxInstallResult summary);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Demo: the sandbox could not install the app at {InstallUrl}: {Error}")]
    public static partial void InstallFailed(ILogger logger, Uri installUrl, string error);
}
