using System.Globalization;
using System.Text;

namespace Crm.Connector.Templates.Validation;

/// <summary>
/// One finding about a template: where (file, JSON path, line, column), what is wrong, and how to fix it.
/// </summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Code, string Path, string Message, string? Fix = null)
{
    /// <summary>The template file (or the name given to the text).</summary>
    public string? File { get; init; }

    /// <summary>1-based line of the JSON value the finding is about.</summary>
    public int? Line { get; init; }

    /// <summary>1-based column of the JSON value the finding is about.</summary>
    public int? Column { get; init; }

    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>
    /// <c>file(line,col): error TPL022: $.path: message Fix: …</c> — the compiler format editors and CI logs understand.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(File ?? "template");
        if (Line is { } line)
        {
            text.Append(CultureInfo.InvariantCulture, $"({line},{Column ?? 1})");
        }

        text.Append(CultureInfo.InvariantCulture, $": {(IsError ? "error" : "warning")} {Code}: {Path}: {Message}");
        if (!string.IsNullOrEmpty(Fix))
        {
            text.Append(" Fix: ").Append(Fix);
        }

        return text.ToString();
    }
}
