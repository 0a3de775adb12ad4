namespace Crm.Connector.Functions.Tests.Pages;

/// <summary>
/// A test in a real browser: Debian's chromium at <see cref="PortalBrowser.Chromium"/> (<c>.ci/run</c> installs it;
/// Playwright's own browser download does not work here). Without it the test is skipped, saying what to install.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(PortalBrowser.Chromium))
        {
            Skip = $"No chromium at {PortalBrowser.Chromium}: install Debian's chromium (apt-get install chromium), as .ci/run does, to run the browser tests.";
        }
    }
}
