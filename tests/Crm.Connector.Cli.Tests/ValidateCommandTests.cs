using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crmc-validate-").FullName;

    [Theory]
    [InlineData("driving-school", "driving-school 1.1.0 (bitrix24): 3 pipelines + lead funnel")]
    [InlineData("auto-dealer", "auto-dealer 1.0.0 (bitrix24): 3 pipelines + lead funnel")]
    [InlineData("driving-school-office", "driving-school-office 1.0.0 (bitrix24): 0 pipelines + lead funnel")]
    [InlineData("body-shop", "body-shop 1.1.0 (bitrix24): 1 pipeline,")]
    [InlineData("online-school", "online-school 1.1.0 (amocrm): 4 pipelines,")]
    public async Task Validate_BuiltInName_ExitsZeroWithOneLineSummary(string name, string summary)
    {
        var run = await CliRun.Of("validate", name);

        Assert.Equal(0, run.ExitCode);
        var line = Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("valid ", line, StringComparison.Ordinal);
        Assert.Contains(summary, line, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Validate_All_ChecksEveryBuiltInTemplate()
    {
        var run = await CliRun.Of("validate", "--all");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(5, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("valid ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Validate_BrokenFile_ExitsOneAndReportsEachFindingWithLine()
    {
        var file = WriteBroken();

        var run = await CliRun.Of("validate", file);

        Assert.Equal(1, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("): error TPL001: $.pipelines[0].stages[0].colour: unknown property 'colour'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("): error TPL011: $.automations[1].trigger.stages[0]: stage 'NEWW'", StringComparison.Ordinal) && l.Contains("Fix: Did you mean 'NEW'?", StringComparison.Ordinal));
        Assert.StartsWith("invalid ", lines[^1], StringComparison.Ordinal);
        Assert.Contains("2 errors", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Json_PrintsEveryFindingAsData()
    {
        var file = WriteBroken();

        var run = await CliRun.Of("validate", file, "--json");

        Assert.Equal(1, run.ExitCode);
        var result = JObject.Parse(run.Out);
        Assert.False(result.Value<bool>("valid"));
        var template = (JObject)Assert.Single((JArray)result["templates"]!);
        Assert.Equal(2, template.Value<int>("errors"));
        var finding = template["diagnostics"]!.Single(d => d.Value<string>("code") == "TPL011");
        Assert.Equal("$.automations[1].trigger.stages[0]", finding.Value<string>("path"));
        Assert.True(finding.Value<int>("line") > 1);
        Assert.Equal("Did you mean 'NEW'?", finding.Value<string>("fix"));
    }

    [Fact]
    public async Task Validate_JsonOfValidTemplate_CarriesTheCounts()
    {
        var run = await CliRun.Of("validate", "body-shop", "--json");

        var summary = JObject.Parse(run.Out)["templates"]![0]!["summary"]!;
        Assert.Equal(0, run.ExitCode);
        Assert.Equal((1, 8, 6), (summary.Value<int>("pipelines"), summary.Value<int>("stages"), summary.Value<int>("fields")));
    }

    [Fact]
    public async Task Validate_UnknownName_ExitsOneNamingTheBuiltIns()
    {
        var run = await CliRun.Of("validate", "driving-scool");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Did you mean 'driving-school'?", run.Error, StringComparison.Ordinal);
        Assert.Contains("online-school (amocrm)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_NothingNamed_ExitsOneSayingWhatToPass()
    {
        var run = await CliRun.Of("validate");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--all", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownCrm_IsRejectedByTheParser()
    {
        var run = await CliRun.Of("validate", "driving-school", "--crm", "salesforce");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("salesforce", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ViaTheInstalledProgram_ResolvesBuiltInsFromAnyDirectory()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "crm-connector.dll");

        var (exitCode, output) = await ChildProcess.RunAsync(DotNet.Host, [program, "validate", "online-school"], TimeSpan.FromMinutes(1), workingDirectory: _dir);

        Assert.True(exitCode == 0, output);
        Assert.Contains("online-school 1.1.0 (amocrm)", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Run from the checkout, a built-in name is the repository's templates/ file — what an editor should open from a
    /// finding's file(line,col) — not the copy the build put in bin/.
    /// </summary>
    [Fact]
    public async Task Validate_BuiltInNameRunFromTheCheckout_NamesTheRepositorysFileNotTheCopyInBin()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "crm-connector.dll");

        var (exitCode, output) = await ChildProcess.RunAsync(DotNet.Host, [program, "validate", "online-school"], TimeSpan.FromMinutes(1), workingDirectory: Repository.Root);
        var json = await CliRun.Of("validate", "driving-school", "--json");
        var file = Path.GetFullPath(JObject.Parse(json.Out)["templates"]![0]!.Value<string>("file")!);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"valid {Path.Combine("templates", "amocrm", "online-school.json")}: ", output, StringComparison.Ordinal);
        Assert.Equal(Repository.PathOf("templates", "bitrix24", "driving-school.json"), file);
    }

    [Fact]
    public void BuiltInTemplates_ProgramOutsideTheRecordedCheckout_UsesTheShippedCopy()
    {
        Assert.Equal(Repository.PathOf("templates"), BuiltInTemplates.SourceRoot(AppContext.BaseDirectory, Repository.Root));
        Assert.Null(BuiltInTemplates.SourceRoot(_dir, Repository.Root));
        Assert.Null(BuiltInTemplates.SourceRoot(AppContext.BaseDirectory, null));
        Assert.Null(BuiltInTemplates.SourceRoot(Path.Combine(_dir, "bin"), _dir));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteBroken()
    {
        var template = JObject.Parse(File.ReadAllText(Repository.PathOf("templates", "bitrix24", "driving-school.json")));
        template.SelectToken("$.pipelines[0].stages[0]")!["colour"] = "#FFFFFF";
        template.SelectToken("$.automations[1].trigger.stages[0]")!.Replace("NEWW");
        var file = Path.Combine(_dir, "broken.json");
        File.WriteAllText(file, template.ToString());
        return file;
    }
}
