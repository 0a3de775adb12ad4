using Crm.Connector.Functions.Bitrix24.Inbound;

namespace Crm.Connector.Functions.Http;

/// <summary>The checks every webhook body passes before it is parsed: present, a form, well-formed (its size was checked on reading).</summary>
internal static class WebhookBody
{
    /// <summary>Reads <paramref name="request"/> with the size limit and parses its form: the request and form, or the refusal (400, 413, 415).</summary>
    public static Task<(InboundRequest? Request, FormBody? Form, HttpOutput? Refusal)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken) =>
        ReadAsync(request, maxBytes, FormBody.MaxPairs, cancellationToken);

    /// <summary>As the other overload, with at most <paramref name="maxPairs"/> form fields (a CRM whose webhooks are larger than Bitrix24's).</summary>
    public static async Task<(InboundRequest? Request, FormBody? Form, HttpOutput? Refusal)> ReadAsync(HttpRequest request, int maxBytes, int maxPairs, CancellationToken cancellationToken)
    {
        var (http, tooLarge) = await InboundRequest.ReadAsync(request, maxBytes, cancellationToken);
        if (http is null)
        {
            return (null, null, tooLarge);
        }

        var (form, refusal) = Read(http, maxPairs);
        return (http, form, refusal);
    }

    /// <summary>The parsed form, or the response refusing it (400 or 415).</summary>
    public static (FormBody? Form, HttpOutput? Refusal) Read(InboundRequest request, int maxPairs = FormBody.MaxPairs)
    {
        if (string.IsNullOrEmpty(request.Body))
        {
            return (null, HttpOutput.Error(400, "BAD_REQUEST", "The request has no body; a form is expected."));
        }

        var type = request.Header("Content-Type");
        if (type is not null && !type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, HttpOutput.Error(415, "UNSUPPORTED_MEDIA_TYPE", "The body must be application/x-www-form-urlencoded."));
        }

        try
        {
            return (FormBody.Parse(request.Body, maxPairs), null);
        }
        catch (FormatException e)
        {
            return (null, HttpOutput.Error(400, "BAD_REQUEST", "Malformed form: " + e.Message));
        }
    }
}
