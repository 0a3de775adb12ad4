using Crm.Connector.Functions.AmoCrm;

// In the namespace of IServiceCollection, as registrations usually are: FunctionApp adds it with one line.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the app's amoCRM edge.</summary>
public static class AmoCrmAppServices
{
    /// <summary>
    /// The amoCRM edge: options (section <c>AmoCrm</c>), the client's HTTP plumbing (<c>AddAmoCrmHttp</c>), clients of
    /// installations, the install, uninstall and webhook processors, and provisioning. Needs the store, the template
    /// provider, <see cref="TimeProvider"/> and the hosting info the app registers itself.
    /// </summary>
    public static IServiceCollection AddAmoCrmApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<AmoCrmAppOptions>(configuration.GetSection(AmoCrmAppOptions.Section));
        services.AddAmoCrmHttp();
        services.AddSingleton<AmoEndpoints>();
        services.AddSingleton<AmoClients>();
        services.AddSingleton<AmoInstallProcessor>();
        services.AddSingleton<AmoUninstallProcessor>();
        services.AddSingleton<AmoWebhookIntake>();
        services.AddSingleton<AmoProvisioner>();
        return services;
    }
}
