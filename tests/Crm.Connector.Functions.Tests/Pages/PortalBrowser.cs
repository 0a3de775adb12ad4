using Crm.Connector.Testing;
using Microsoft.Playwright;

namespace Crm.Connector.Functions.Tests.Pages;

/// <summary>Debian's chromium driven by Playwright, headless, one context per test; screenshots for the README.</summary>
internal sealed class PortalBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PortalBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>The app's frame on the sandbox portal's page (the app page's frame, or the deal card's slider).</summary>
    public IFrameLocator AppFrame => Page.FrameLocator("#app-frame");

    public static async Task<PortalBrowser> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "ru-RU" });
        context.SetDefaultTimeout(30_000);
        return new PortalBrowser(playwright, browser, context, await context.NewPageAsync());
    }

    /// <summary>A screenshot of the whole portal page into <c>tests/screenshots/{name}.png</c> (the README shows them).</summary>
    public async Task ScreenshotAsync(string name)
    {
        // The portal's frame is as tall as the window; for the picture it is as tall as the app's page in it.
        var height = await AppFrame.Locator("html").EvaluateAsync<int>("e => e.scrollHeight");
        await Page.EvaluateAsync("h => { const f = document.getElementById('app-frame'); f.style.height = (h + 20) + 'px'; f.parentElement.style.height = 'auto'; f.parentElement.style.position = 'static'; }", height);
        var path = Repository.PathOf("tests", "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
