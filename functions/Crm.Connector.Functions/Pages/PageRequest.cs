using Microsoft.AspNetCore.Http.Features;

namespace Crm.Connector.Functions.Pages;

/// <summary>
/// A request to one of the app's pages, read once: its form (url-encoded, or multipart with a file for the import page)
/// within the size limit, and the session — proved afresh by the portal's frame POST, or carried by the page's own
/// form. Changes also need <see cref="IsSameOrigin"/>: a browser names the page a form was posted from.
/// </summary>
public sealed class PageRequest
{
    private PageRequest(HttpRequest http, IFormCollection form, PageSession? session, FrameCheck? refusal)
    {
        Http = http;
        Form = form;
        Session = session;
        Refusal = refusal;
    }

    public HttpRequest Http { get; }

    public IFormCollection Form { get; }

    /// <summary>Who is asking; null when <see cref="Refusal"/> says why not.</summary>
    public PageSession? Session { get; }

    public FrameCheck? Refusal { get; }

    /// <summary>A form field, trimmed; empty when absent.</summary>
    public string this[string name] => Form[name].ToString().Trim();

    /// <summary>Reads the request; a body over <paramref name="maxBytes"/> is refused before it is read.</summary>
    public static async Task<PageRequest> ReadAsync(HttpRequest http, FrameVerifier verifier, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(verifier);
        if (http.ContentLength > maxBytes + (64 * 1024))
        {
            return new PageRequest(http, FormCollection.Empty, null, FrameCheck.Refused(413, $"Файл слишком большой: {Megabytes(http.ContentLength.Value)} МБ, а можно не больше {Megabytes(maxBytes)} МБ. Разделите файл на несколько и загрузите их по очереди."));
        }

        IFormCollection form = FormCollection.Empty;
        if (HttpMethods.IsPost(http.Method) && http.HasFormContentType)
        {
            try
            {
                form = await http.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxBytes + (64 * 1024), ValueCountLimit = 200, ValueLengthLimit = 64 * 1024 }, cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                return new PageRequest(http, FormCollection.Empty, null, FrameCheck.Refused(400, "Запрос не прочитан: " + e.Message));
            }
        }

        if (form.ContainsKey("AUTH_ID"))
        {
            var check = await verifier.VerifyAsync(form, http.Query["DOMAIN"].ToString(), cancellationToken);
            return new PageRequest(http, form, check.Session, check.Session is null ? check : null);
        }

        var session = verifier.Read(form["session"].ToString());
        return session is null
            ? new PageRequest(http, form, null, FrameCheck.Refused(401, "Сессия страницы истекла или недействительна. Закройте приложение и откройте его из портала снова."))
            : new PageRequest(http, form, session, null);
    }

    /// <summary>
    /// False when the browser says the form came from another site. Browsers send Origin with every POST from a page;
    /// a request without one (not from a browser) still needs the signed session to do anything.
    /// </summary>
    public bool IsSameOrigin()
    {
        var origin = Http.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var from)
            && string.Equals(from.Authority, Http.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("ru-RU"));
}
