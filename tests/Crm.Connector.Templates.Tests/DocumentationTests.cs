using System.Reflection;
using Crm.Connector.Templates.Validation;
using Crm.Connector.Testing;

namespace Crm.Connector.Templates.Tests;

/// <summary>The README stays true to the product: every finding code documented, the test command the one CI runs.</summary>
public sealed class DocumentationTests
{
    private static readonly string Readme = File.ReadAllText(Repository.PathOf("README.md"));

    public static TheoryData<string> Codes() =>
        [.. typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Readme_DiagnosticCode_IsDocumented(string code)
    {
        Assert.Contains($"| {code} |", Readme, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> RobotPlacements()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var file in Directory.GetFiles(Repository.PathOf("templates", "bitrix24"), "*.json"))
        {
            var template = Loading.TemplateLoader.LoadFileAsync(file).GetAwaiter().GetResult().Template!;
            foreach (var robot in template.Robots.Where(r => r.Placement is not null))
            {
                foreach (var stage in robot.Placement!.Stages)
                {
                    data.Add(template.Key, robot.Code, template.FindFlow(stage.Pipeline ?? Model.LeadFunnel.Key)!.Stages.Single(s => s.Code == stage.Stage).Name.Get());
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RobotPlacements))]
    public void Readme_SaysWhereAnAdminPutsEachRobot(string template, string robot, string stage)
    {
        var line = Readme.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{template}` | `{robot}` ", StringComparison.Ordinal));

        Assert.True(line is not null, $"README has no table row for robot {robot} of {template}");
        Assert.Contains($"«{stage}»", line, StringComparison.Ordinal);
    }

    [Fact]
    public void CiScript_RunsTheReadmesTestCommand()
    {
        const string command = "dotnet test Crm.Connector.sln";
        var ci = File.ReadAllText(Repository.PathOf(".ci", "run"));

        Assert.Contains(command, Readme, StringComparison.Ordinal);
        Assert.Contains(command, ci.Split('\n').Where(l => !l.TrimStart().StartsWith('#')), StringComparer.Ordinal);
    }
}
