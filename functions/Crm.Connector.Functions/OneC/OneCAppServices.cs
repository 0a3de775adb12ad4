
namespace Crm.Connector.Functions.OneC;

/// <summary>The 1C sync's services: the OData client factory on <c>IHttpClientFactory</c>, the invoice work, the receipt poll.</summary>
public static class OneCAppServices
{
    public static IServiceCollection AddOneCSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OneCOptions>(configuration.GetSection(OneCOptions.Section));
        services.AddOneC();
        services.AddSingleton<OneCAccountingSource>();
        services.AddSingleton<OneCFacts>();
        services.AddSingleton<OneCInvoiceWork>();
        services.AddSingleton<OneCReceiptPoll>();
        return services;
    }
}
