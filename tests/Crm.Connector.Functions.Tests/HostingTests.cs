using System.Net.Sockets;
using Crm.Connector.Functions.Health;
using Crm.Connector.Testing;

namespace Crm.Connector.Functions.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task LocalHost_Started_ServesHealthAndExitsCleanlyOnSigterm()
    {
        var port = FreePort.Next();
        using var app = await FunctionAppProcess.StartAsync(port, new Dictionary<string, string> { ["LocalHost__Url"] = $"http://127.0.0.1:{port}" });

        var health = await app.GetJsonAsync<HealthReport>("/api/health");
        app.Process.Terminate();
        var exitCode = await app.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(("ok", "local"), (health.Status, health.Mode));
        Assert.Equal("Sqlite", health.Store);
        Assert.True(health.SchemaVersion >= 1, $"schema version {health.SchemaVersion}");
        Assert.NotNull(health.InboxPending);
        Assert.Equal(0, exitCode);
        Assert.Contains("stopping (Local)", app.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalHost_AddressAlreadyInUse_SaysSoInOneLineAndRunsNothing()
    {
        using var taken = new TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (exitCode, output) = await ChildProcess.RunAsync(
            DotNet.Host,
            [DotNet.BuiltAssembly("functions/Crm.Connector.Functions", "Crm.Connector.Functions")],
            TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["LocalHost__Url"] = $"http://127.0.0.1:{port}", ["Bitrix24__ClientId"] = "configured", ["Bitrix24__ClientSecret"] = "configured" });

        Assert.Equal(1, exitCode);
        Assert.Contains($"http://127.0.0.1:{port} is already in use", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("due-jobs:", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The README's main-job command works with no Azure Functions Core Tools installed: the Worker Sdk would turn
    /// <c>dotnet run</c> into <c>func start</c>; our Directory.Build.targets keeps it the local host, with the demo.
    /// </summary>
    [Fact]
    public async Task MainJob_DotnetRun_StartsWithoutTheCoreToolsAndShowsTheDemo()
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["LocalHost__Url"] = $"http://127.0.0.1:{port}",
            ["PATH"] = string.Join(Path.PathSeparator, (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Where(d => !File.Exists(Path.Combine(d, "func")))),
        };
        using var run = ChildProcess.Start(
            DotNet.Host,
            ["run", "--no-build", "-c", DotNet.Configuration, "--project", Repository.PathOf("functions", "Crm.Connector.Functions")],
            environment);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!run.Output.Contains("the app ran admission scoring", StringComparison.Ordinal) && !run.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(200);
        }

        var exited = run.HasExited;
        Assert.False(exited, exited ? $"dotnet run exited ({run.ExitCode}):\n{run.Output}" : null);
        Assert.DoesNotContain("Core Tools", run.Output, StringComparison.Ordinal);
        Assert.Contains("the app ran admission scoring", run.Output, StringComparison.Ordinal);

        // What the demo's reader does next: the printed curl, lowering one score; the log answers in words.
        var curl = System.Text.RegularExpressions.Regex.Match(run.Output, @"curl -X POST '(?<url>[^']+)' -H 'Content-Type: application/json' -d '(?<body>[^']+)'");
        Assert.True(curl.Success, run.Output);
        using (var http = new HttpClient())
        {
            using var body = new StringContent(curl.Groups["body"].Value, System.Text.Encoding.UTF8, "application/json");
            (await http.PostAsync(new Uri(curl.Groups["url"].Value), body)).EnsureSuccessStatusCode();
        }

        while (!run.Output.Contains("< 425;", StringComparison.Ordinal) && !run.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(200);
        }

        var output = run.Output;
        Assert.Contains("deal 1: admission scoring: total 370 < 425; «Допуск к тесту» (TEST_ADMISSION) yes → no", output, StringComparison.Ordinal);

        // One program, one startup: the sandbox inside it stays quiet, and the install is told in words.
        Assert.Equal(1, Occurrences(output, "Now listening on"));
        Assert.Equal(1, Occurrences(output, "Application started"));
        Assert.DoesNotContain("SandboxInstallResult", output, StringComparison.Ordinal);
        Assert.Contains("the install form was answered 200, ONAPPINSTALL was answered 200", output, StringComparison.Ordinal);

        // The install's count tells the template's objects (what crm-connector apply reports) from the app's event bindings.
        var created = System.Text.RegularExpressions.Regex.Match(output, @"(?<all>\d+) created \((?<template>\d+) from the template, (?<events>\d+) event bindings\)");
        Assert.True(created.Success, output);
        Assert.Equal(int.Parse(created.Groups["all"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(created.Groups["template"].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(created.Groups["events"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The first build of the function app says what the silent minutes are (restoring the Functions extensions,
    /// compiling); a project already built says nothing. Under <c>dotnet run</c>'s quiet verbosity the same notice is also
    /// written to the terminal, which a test without one cannot see — here it is the build log's high-importance line.
    /// </summary>
    [Theory]
    [InlineData("-p:TargetPath=/nowhere/Crm.Connector.Functions.dll", true)]
    [InlineData("-p:CrmConnectorFirstBuild=true", true)]
    [InlineData("-p:CrmConnectorFirstBuild=false", false)]
    [InlineData("-p:Unrelated=1", false)]
    public async Task FirstBuild_SaysItTakesAFewMinutes_ALaterOneSaysNothing(string property, bool shown)
    {
        var (exitCode, output) = await ChildProcess.RunAsync(
            DotNet.Host,
            ["msbuild", Repository.PathOf("functions", "Crm.Connector.Functions", "Crm.Connector.Functions.csproj"), "-t:CrmConnectorFirstBuildNotice", $"-p:Configuration={DotNet.Configuration}", property, "-v:m", "-nologo"],
            TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, output);
        Assert.Equal(shown, output.Contains("first build — restoring the Azure Functions extensions and compiling the app takes a few minutes", StringComparison.Ordinal));
    }

    private static int Occurrences(string text, string what) => (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;
}
