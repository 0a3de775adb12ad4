using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Connector.Functions.Pages;

/// <summary>
/// A page or a download, written straight to the response with the headers a page in someone else's frame needs: the
/// Content-Security-Policy lets only the installation's portal frame it and only scripts and styles carrying this
/// answer's nonce run; nothing is cached.
/// </summary>
public sealed class PageResult : IActionResult
{
    private PageResult(int status, string contentType, byte[] body, string? fileName, string? frameAncestor, string nonce)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
        FileName = fileName;
        FrameAncestor = frameAncestor;
        Nonce = nonce;
    }

    public int Status { get; }

    public string ContentType { get; }

    public byte[] Body { get; }

    public string? FileName { get; }

    /// <summary>The portal origin allowed to frame the page (e.g. <c>https://acme.bitrix24.ru</c>); null: none.</summary>
    public string? FrameAncestor { get; }

    public string Nonce { get; }

    /// <summary>A fresh nonce for a page's inline script and style.</summary>
    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    public static PageResult Page(int status, string html, string nonce, string? frameAncestor) =>
        new(status, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html), null, frameAncestor, nonce);

    public static PageResult Json(int status, Newtonsoft.Json.Linq.JToken json) =>
        new(status, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None)), null, null, NewNonce());

    public static PageResult File(string fileName, string contentType, byte[] body) => new(200, contentType, body, fileName, null, NewNonce());

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = Status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        // Not no-referrer: under it a browser sends "Origin: null" with the page's own form posts, and the pages check Origin.
        response.Headers["Referrer-Policy"] = "same-origin";
        var ancestors = FrameAncestor is null ? "'none'" : FrameAncestor;
        response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'nonce-{Nonce}'; style-src 'nonce-{Nonce}'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors {ancestors}";
        if (FileName is not null)
        {
            response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = FileName, DispositionType = "attachment" }.ToString();
        }

        response.ContentLength = Body.Length;
        await response.Body.WriteAsync(Body, context.HttpContext.RequestAborted);
    }
}
