namespace Crm.Connector.OneC.Tests;

public sealed class PublicationTests
{
    [Fact]
    public void Detect_Bp30Documents_Bp30()
    {
        Assert.Same(OneCEntityNames.Bp30, OneCEntityNames.Detect(["Catalog_Контрагенты", "Document_СчетНаОплатуПокупателю"]));
    }

    [Fact]
    public void Detect_UtAndUnfDocuments_ThoseConfigurations()
    {
        Assert.Same(OneCEntityNames.Ut11, OneCEntityNames.Detect(["Catalog_Контрагенты", "Document_СчетНаОплатуКлиенту"]));
        Assert.Same(OneCEntityNames.Unf, OneCEntityNames.Detect(["Catalog_Контрагенты", "Document_СчетНаОплату"]));
    }

    [Fact]
    public void Detect_BothBpAndUt_BpFirst()
    {
        Assert.Same(OneCEntityNames.Bp30, OneCEntityNames.Detect(["Document_СчетНаОплатуКлиенту", "Document_ПоступлениеНаРасчетныйСчет"]));
    }

    [Fact]
    public void Detect_OnlySharedCatalogs_Null()
    {
        Assert.Null(OneCEntityNames.Detect(["Catalog_Контрагенты", "Catalog_Номенклатура", "Document_ПриходныйКассовыйОрдер"]));
    }

    [Fact]
    public void From_Bp30MissingReceipts_NamesThemAndTheMenuPath()
    {
        var report = OneCPublicationReport.From(["Catalog_Контрагенты", "Catalog_Организации", "Catalog_Номенклатура", "Document_СчетНаОплатуПокупателю", "Catalog_ДоговорыКонтрагентов"]);

        Assert.True(report.ODataPublished);
        Assert.False(report.Ready);
        Assert.Same(OneCEntityNames.Bp30, report.Names);
        Assert.Equal(["Document_ПоступлениеНаРасчетныйСчет", "Document_ПриходныйКассовыйОрдер"], report.MissingSets);
        Assert.Equal(["Catalog_БанковскиеСчета"], report.MissingOptionalSets);
        Assert.Contains("Все функции → Обработки → Настройка стандартного интерфейса OData → Состав", report.Advice, StringComparison.Ordinal);
        Assert.Contains("Document_ПоступлениеНаРасчетныйСчет, Document_ПриходныйКассовыйОрдер, Catalog_БанковскиеСчета (optional)", report.Advice, StringComparison.Ordinal);
        Assert.Contains("Composition", report.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void From_Everything_Ready()
    {
        var report = OneCPublicationReport.From([.. OneCEntityNames.Bp30.Required, .. OneCEntityNames.Bp30.Optional]);
        Assert.True(report.Ready);
        Assert.Empty(report.Advice);
    }

    [Fact]
    public void From_EmptyServiceDocument_SaysODataIsNotPublished()
    {
        var report = OneCPublicationReport.From([]);
        Assert.False(report.ODataPublished);
        Assert.Contains("Публиковать стандартный интерфейс OData", report.Advice, StringComparison.Ordinal);
        Assert.Contains("not published", report.Advice, StringComparison.Ordinal);
    }
}
