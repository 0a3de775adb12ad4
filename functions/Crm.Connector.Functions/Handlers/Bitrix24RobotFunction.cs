using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Bitrix24.Inbound;
using Crm.Connector.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Handlers;

/// <summary><c>POST /api/bitrix24/robots/{code}</c>: a robot call, verified and kept; the worker answers with <c>bizproc.event.send</c>.</summary>
public sealed class Bitrix24RobotFunction(WebhookIntake intake, IOptions<Bitrix24AppOptions> options)
{
    public const string Name = "bitrix24-robot";

    private const string RoutePrefix = "bitrix24/robots/";

    [Function(Name)]
    public async Task<WebhookResponse> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = RoutePrefix + "{code}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (_, form, refusal) = await WebhookBody.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (form is null)
        {
            return Bitrix24EventsFunction.Answer(refusal!);
        }

        var (message, error) = RobotMessage.Parse(form, RobotCode(request));
        if (message is null)
        {
            return Bitrix24EventsFunction.Answer(IntakeOutcome.BadRequest(error!).Response);
        }

        var outcome = await intake.AcceptRobotAsync(message, cancellationToken);
        return new WebhookResponse { Response = outcome.Response.ToActionResult(), Work = outcome.Message is null ? [] : [outcome.Message] };
    }

    /// <summary>
    /// The <c>{code}</c> of the route. Read from the path rather than from route values: the worker's HTTP integration
    /// does not promise to fill <see cref="HttpRequest.RouteValues"/>, and the path is the same under either host.
    /// </summary>
    internal static string? RobotCode(HttpRequest request) => RouteTail(request, RoutePrefix);

    /// <summary>The one path segment after <paramref name="prefix"/> (a robot's code, a placement's key), unescaped; null when absent or deeper.</summary>
    internal static string? RouteTail(HttpRequest request, string prefix)
    {
        var path = request.Path.Value ?? string.Empty;
        var at = path.LastIndexOf(prefix, StringComparison.OrdinalIgnoreCase);
        var tail = at < 0 ? null : Uri.UnescapeDataString(path[(at + prefix.Length)..]);
        return string.IsNullOrEmpty(tail) || tail.Contains('/', StringComparison.Ordinal) ? null : tail;
    }
}
