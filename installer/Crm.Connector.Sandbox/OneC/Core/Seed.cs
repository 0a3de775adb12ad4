using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.OneC.Core;

/// <summary>The rows a fresh base has: the organization, its bank account, the ruble and the service item (§6.1 setup picks them).</summary>
internal sealed record Seed(Guid Organization, Guid BankAccount, Guid ServiceItem, Guid Ruble)
{
    public static Seed Into(InfoBase infoBase)
    {
        var ruble = Key(infoBase.Create(Schemas.Currencies, new JObject
        {
            ["Code"] = "643",
            ["Description"] = "руб.",
            ["НаименованиеПолное"] = "Российский рубль",
        }));
        var organization = Key(infoBase.Create(Schemas.Organizations, new JObject
        {
            ["Description"] = "Автошкола «Зелёный свет»",
            ["НаименованиеПолное"] = "Общество с ограниченной ответственностью «Автошкола Зелёный свет»",
            ["ИНН"] = "7704123456",
            ["КПП"] = "770401001",
            ["Префикс"] = "АШ",
        }));
        var bankAccount = Key(infoBase.Create(Schemas.BankAccounts, new JObject
        {
            ["Description"] = "Основной расчётный счёт",
            ["Owner"] = organization.ToString("D"),
            ["Owner_Type"] = "StandardODATA." + Schemas.Organizations,
            ["НомерСчета"] = "40702810900000012345",
            ["ВалютаДенежныхСредств_Key"] = ruble.ToString("D"),
        }));
        infoBase.Patch(Schemas.Organizations, organization, new JObject { ["ОсновнойБанковскийСчет_Key"] = bankAccount.ToString("D") });
        var serviceItem = Key(infoBase.Create(Schemas.Items, new JObject
        {
            ["Description"] = "Услуги автошколы",
            ["НаименованиеПолное"] = "Услуги автошколы",
            ["Услуга"] = true,
            ["СтавкаНДС"] = "БезНДС",
        }));
        return new Seed(organization, bankAccount, serviceItem, ruble);
    }

    private static Guid Key(JObject entity) => Guid.Parse(entity.Value<string>("Ref_Key")!);
}
