
namespace Crm.Connector.Functions.Http;

/// <summary>
/// A webhook request as the functions read it: method, URL, headers and the body as text, read with a size limit before
/// anything parses it. Built from ASP.NET Core's <see cref="HttpRequest"/> (the worker's HTTP integration and the local
/// host hand the functions the same type).
/// </summary>
public sealed record InboundRequest
{
    public required string Method { get; init; }

    public required Uri Url { get; init; }

    /// <summary>Headers, looked up case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body as UTF-8 text (empty when the request had none).</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    /// <summary>
    /// Reads <paramref name="request"/>; a body above <paramref name="maxBytes"/> is refused with 413 after reading at most
    /// one byte more than allowed (a declared length above it is refused without reading at all).
    /// </summary>
    public static async Task<(InboundRequest? Request, HttpOutput? Refusal)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var buffer = new byte[maxBytes + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        string body;
        try
        {
            body = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, read);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return (null, HttpOutput.Error(400, "BAD_REQUEST", "The body is not UTF-8 text."));
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.Count > 0 ? values[0] ?? string.Empty : string.Empty;
        }

        var url = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}");
        return (new InboundRequest { Method = request.Method, Url = url, Headers = headers, Body = body }, null);
    }

    private static HttpOutput TooLarge(int maxBytes) => HttpOutput.Error(413, "TOO_LARGE", $"The body is larger than {maxBytes} bytes.");
}
