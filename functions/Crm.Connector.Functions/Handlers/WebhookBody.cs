using System.Text;
using Crm.Connector.Functions.Bitrix24.Inbound;
using Crm.Connector.Functions.Invocation;

namespace Crm.Connector.Functions.Handlers;

/// <summary>The checks every webhook body passes before it is parsed: present, not too large, a form, well-formed.</summary>
internal static class WebhookBody
{
    /// <summary>The parsed form, or the response refusing it (400, 413 or 415).</summary>
    public static (FormBody? Form, HttpOutput? Refusal) Read(HttpRequestData request, int maxBytes)
    {
        if (string.IsNullOrEmpty(request.Body))
        {
            return (null, HttpOutput.Error(400, "BAD_REQUEST", "The request has no body; Bitrix24 posts a form."));
        }

        if (request.Body.Length > maxBytes || Encoding.UTF8.GetByteCount(request.Body) > maxBytes)
        {
            return (null, HttpOutput.Error(413, "TOO_LARGE", $"The body is larger than {maxBytes} bytes."));
        }

        var type = request.Header("Content-Type");
        if (type is not null && !type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, HttpOutput.Error(415, "UNSUPPORTED_MEDIA_TYPE", "The body must be application/x-www-form-urlencoded."));
        }

        try
        {
            return (FormBody.Parse(request.Body), null);
        }
        catch (FormatException e)
        {
            return (null, HttpOutput.Error(400, "BAD_REQUEST", "Malformed form: " + e.Message));
        }
    }
}
