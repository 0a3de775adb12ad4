using Crm.Connector.Templates.Serialization;
using Crm.Connector.Templates.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Loading;

/// <summary>
/// Reads a template: JSON syntax, then <c>template.schema.json</c>, then the semantic rules — reporting every finding
/// at once, each with file, JSON path, line and column. Nothing is written anywhere.
/// </summary>
public static class TemplateLoader
{
    /// <summary>Loads and validates the template file at <paramref name="path"/>.</summary>
    public static async Task<TemplateLoadResult> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new TemplateLoadResult(path, null, [new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.Syntax, "$", $"cannot read the file: {e.Message}", "Check the path and permissions.") { File = path }]);
        }

        return LoadText(text, path);
    }

    /// <summary>Loads and validates template text; <paramref name="source"/> names it in findings.</summary>
    public static TemplateLoadResult LoadText(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        JToken root;
        try
        {
            root = TemplateJson.Parse(text);
        }
        catch (JsonReaderException e)
        {
            var diagnostic = new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.Syntax, string.IsNullOrEmpty(e.Path) ? "$" : "$." + e.Path, $"not valid JSON: {FirstSentence(e.Message)}", "Fix the JSON syntax (a missing comma, quote or bracket is the usual cause).")
            {
                File = source,
                Line = e.LineNumber > 0 ? e.LineNumber : null,
                Column = e.LinePosition > 0 ? e.LinePosition : null,
            };
            return new TemplateLoadResult(source, null, [diagnostic]);
        }

        var schemaErrors = TemplateSchema.Validator.Validate(root);
        var diagnostics = schemaErrors
            .Select(e => Locate(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.Schema, e.Path, e.Message, e.Fix), e.Token, source))
            .ToList();

        Model.CrmTemplate? template = null;
        if (schemaErrors.Count == 0)
        {
            try
            {
                template = TemplateJson.ToModel(root);
            }
            catch (JsonException e)
            {
                diagnostics.Add(Locate(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.Schema, "$", FirstSentence(e.Message)), root, source));
            }
        }

        // With schema errors, the semantic rules still run over what could be read, so that one pass reports
        // everything; findings inside an object the schema already rejected are dropped as likely echoes.
        var model = template ?? (schemaErrors.Count > 0 ? TemplateJson.ToModelLenient(root) : null);
        if (model is not null)
        {
            var poisoned = schemaErrors.Select(e => Parent(e.Path)).Distinct(StringComparer.Ordinal).ToList();
            diagnostics.AddRange(TemplateValidator.Validate(model)
                .Where(d => !poisoned.Exists(p => Within(d.Path, p)))
                .Select(d => Locate(d, Find(root, d.Path), source)));
        }

        return new TemplateLoadResult(
            source,
            template,
            [.. diagnostics.OrderBy(d => d.Line ?? 0).ThenBy(d => d.Column ?? 0).ThenBy(d => d.Path, StringComparer.Ordinal)]);
    }

    private static Diagnostic Locate(Diagnostic diagnostic, JToken? token, string source)
    {
        var info = (IJsonLineInfo?)token;
        return diagnostic with
        {
            File = source,
            Line = info is { } i && i.HasLineInfo() ? i.LineNumber : null,
            Column = info is { } j && j.HasLineInfo() ? j.LinePosition : null,
        };
    }

    /// <summary>The token at <paramref name="path"/>, or its nearest existing parent.</summary>
    private static JToken? Find(JToken root, string path)
    {
        var current = path;
        while (true)
        {
            try
            {
                if (root.SelectToken(current) is { } token)
                {
                    return token;
                }
            }
            catch (JsonException)
            {
                // Not a path Newtonsoft understands: fall back to the parent.
            }

            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0)
            {
                return root;
            }

            current = current[..cut];
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "$" : path[..cut];
    }

    private static bool Within(string path, string prefix) =>
        prefix == "$" ? path == "$" : path == prefix || path.StartsWith(prefix + ".", StringComparison.Ordinal) || path.StartsWith(prefix + "[", StringComparison.Ordinal);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
