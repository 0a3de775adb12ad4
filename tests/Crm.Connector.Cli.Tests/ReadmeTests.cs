using System.Text.RegularExpressions;
using Crm.Connector.Testing;

namespace Crm.Connector.Cli.Tests;

/// <summary>README.md as a fresh clone reads it: links that resolve, tables in one piece, the command line named before use.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string[] RawLines = File.ReadAllLines(Repository.PathOf("README.md"));

    private static readonly string[] Lines = ProseLines(RawLines);

    [Fact]
    public void Readme_EveryRelativeLinkAndAnchor_ResolvesInTheRepository()
    {
        var headings = Lines.Where(l => l.StartsWith('#')).Select(l => Slug(l.TrimStart('#').Trim())).ToHashSet(StringComparer.Ordinal);
        var dead = new List<string>();
        foreach (var line in Lines)
        {
            foreach (Match link in MarkdownLink().Matches(line))
            {
                var target = link.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var (path, anchor) = hash < 0 ? (target, null) : (target[..hash], target[(hash + 1)..]);
                if (path.Length > 0 && !File.Exists(Repository.PathOf(path)) && !Directory.Exists(Repository.PathOf(path)))
                {
                    dead.Add(target);
                }
                else if (path.Length == 0 && anchor is not null && !headings.Contains(anchor))
                {
                    dead.Add(target);
                }
            }

            // A path written as code that leaves the repository is dead in a clone just the same.
            dead.AddRange(CodeSpan().Matches(line).Select(m => m.Groups["code"].Value).Where(code => code.StartsWith("../", StringComparison.Ordinal)));
        }

        Assert.Empty(dead);
    }

    [Fact]
    public void Readme_EveryTable_IsInOnePieceWithItsHeader()
    {
        var broken = new List<string>();
        for (var i = 0; i < Lines.Length; i++)
        {
            if (Lines[i].StartsWith('|') && (i == 0 || !Lines[i - 1].StartsWith('|')))
            {
                // The first row of a block of rows is a header: the separator row must follow it.
                if (i + 1 >= Lines.Length || !Lines[i + 1].StartsWith("|---", StringComparison.Ordinal))
                {
                    broken.Add($"line {i + 1}: {Lines[i]}");
                }
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void Readme_SaysHowToGetCrmConnectorBeforeUsingItAsACommand()
    {
        var firstUse = Array.FindIndex(RawLines, l => l.StartsWith("crm-connector ", StringComparison.Ordinal));
        var explained = Array.FindIndex(RawLines, l => l.Contains("dotnet run --project installer/Crm.Connector.Cli -- <command>", StringComparison.Ordinal));

        Assert.True(explained >= 0 && explained < firstUse, $"first used as a command on line {firstUse + 1}, explained on line {explained + 1}");
    }

    /// <summary>The lines outside fenced code blocks; fenced lines become empty so numbering is kept.</summary>
    private static string[] ProseLines(string[] lines)
    {
        var fenced = false;
        var result = new string[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                result[i] = string.Empty;
                continue;
            }

            result[i] = fenced ? string.Empty : lines[i];
        }

        return result;
    }

    /// <summary>GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static string Slug(string heading) =>
        string.Concat(heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-');

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"`(?<code>[^`]+)`")]
    private static partial Regex CodeSpan();
}
