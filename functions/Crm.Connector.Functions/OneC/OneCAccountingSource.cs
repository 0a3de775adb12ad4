using Crm.Connector.OneC;
using Crm.Connector.Storage.OneC;

namespace Crm.Connector.Functions.OneC;

/// <summary>The 1C accounting of an installation, from its stored connection; entity names by the configuration detected when it was connected.</summary>
public sealed class OneCAccountingSource(OneCAccountingFactory factory)
{
    private static readonly OneCEntityNames[] Known = [OneCEntityNames.Bp30, OneCEntityNames.Unf, OneCEntityNames.Ut11];

    public IOneCAccounting For(OneCConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var names = Known.FirstOrDefault(n => n.Configuration == settings.Configuration) ?? OneCEntityNames.Bp30;
        return factory.Create(new OneCConnection(new Uri(settings.ServiceRoot), settings.User, settings.Password), names);
    }
}
