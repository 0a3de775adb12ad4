using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Bitrix24.Inbound;
using Crm.Connector.Functions.Invocation;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Handlers;

/// <summary><c>POST /api/bitrix24/install</c>: the marketplace's installation callback and the ONAPP* events.</summary>
public sealed class Bitrix24InstallFunction(InstallProcessor processor, IOptions<Bitrix24AppOptions> options) : IFunction
{
    public FunctionDefinition Definition { get; } = new("bitrix24-install", new HttpTrigger("bitrix24/install", ["POST"]), [FunctionOutput.Http]);

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var http = HttpRequestData.From(request);
        var (form, refusal) = WebhookBody.Read(http, options.Value.MaxBodyBytes);
        if (form is null)
        {
            return InvocationResults.Http(refusal!);
        }

        FormBody query;
        try
        {
            query = FormBody.Parse(http.Url.Query.TrimStart('?'));
        }
        catch (FormatException e)
        {
            return InvocationResults.Http(HttpOutput.Error(400, "BAD_REQUEST", "Malformed query string: " + e.Message));
        }

        var (message, error) = InstallMessage.Parse(query, form);
        if (message is null)
        {
            return InvocationResults.Http(HttpOutput.Error(400, "BAD_REQUEST", error!));
        }

        var outcome = await processor.HandleAsync(message, cancellationToken);
        return InvocationResults.Http(outcome.Response, logs: outcome.Log);
    }
}
