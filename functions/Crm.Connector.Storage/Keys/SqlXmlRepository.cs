using System.Xml.Linq;
using Crm.Connector.Storage.Sql;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Crm.Connector.Storage.Keys;

/// <summary>The Data Protection key ring in the store, shared by every instance on the database.</summary>
/// <remarks>Synchronous by its interface; Data Protection reads the ring rarely (at start and when a key is missing).</remarks>
internal sealed class SqlXmlRepository(StoreDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        Task.Run(async () =>
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            try
            {
                return await Db.QueryAsync(connection, "SELECT xml FROM data_protection_keys ORDER BY name", r => XElement.Parse(r.GetString(0)), CancellationToken.None);
            }
            catch (System.Data.Common.DbException)
            {
                // Before the first migration there is no table, hence no keys.
                return [];
            }
        }).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        Task.Run(async () =>
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await Db.ExecuteAsync(
                connection,
                "INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING",
                CancellationToken.None,
                null,
                ("@name", friendlyName),
                ("@xml", element.ToString(SaveOptions.DisableFormatting)));
        }).GetAwaiter().GetResult();
    }
}
