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

    [Fact]
    public void CiScript_RunsTheReadmesTestCommand()
    {
        const string command = "dotnet test Crm.Connector.sln";
        var ci = File.ReadAllText(Repository.PathOf(".ci", "run"));

        Assert.Contains(command, Readme, StringComparison.Ordinal);
        Assert.Contains(command, ci.Split('\n').Where(l => !l.TrimStart().StartsWith('#')), StringComparer.Ordinal);
    }
}
