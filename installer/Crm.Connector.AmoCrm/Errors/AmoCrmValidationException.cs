using System.Globalization;
using System.Net;
using System.Text;

namespace Crm.Connector.AmoCrm.Errors;

/// <summary>
/// 400/422 with <c>validation-errors</c>: the server refused the request and wrote nothing of it. The message names
/// each offending entity (position and request_id) and field path:
/// <c>lead #2 (request_id tpl-x): custom_fields_values.0.field_id NotSupportedChoice — …</c>.
/// </summary>
public sealed class AmoCrmValidationException(string call, HttpStatusCode? status, string title, string detail, string? requestId, string noun, IReadOnlyList<AmoValidationError> errors)
    : AmoCrmException(call, status, title, Describe(detail, noun, errors), requestId)
{
    /// <summary>Every error, with the entity it is about.</summary>
    public IReadOnlyList<AmoValidationError> Errors { get; } = errors;

    private static string Describe(string detail, string noun, IReadOnlyList<AmoValidationError> errors)
    {
        var text = new StringBuilder(detail);
        foreach (var e in errors)
        {
            text.Append(text.Length == 0 ? string.Empty : "; ");
            text.Append(noun);
            if (e.Index is { } index)
            {
                text.Append(CultureInfo.InvariantCulture, $" #{index}");
            }

            if (e.RequestId is { } id)
            {
                text.Append(CultureInfo.InvariantCulture, $" (request_id {id})");
            }

            text.Append(CultureInfo.InvariantCulture, $": {e.Path} {e.Code} — {e.Detail}");
        }

        return text.ToString();
    }
}
