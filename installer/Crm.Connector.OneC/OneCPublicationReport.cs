namespace Crm.Connector.OneC;

/// <summary>
/// What a base publishes over OData and what the sync still needs, with the admin's steps in plain Russian and English.
/// Built from the service document by <see cref="From"/>; read over HTTP by <see cref="OneCAccountingFactory.CheckAsync"/>.
/// </summary>
/// <param name="ODataPublished">False when the service document lists nothing (or is not there at all).</param>
/// <param name="Names">The configuration recognised, or null.</param>
/// <param name="PublishedSets">Every entity set the base publishes.</param>
/// <param name="MissingSets">Required sets not published (for an unrecognised base, those of БП 3.0).</param>
/// <param name="MissingOptionalSets">Optional sets (contracts, bank accounts) not published.</param>
/// <param name="Advice">What the administrator should do, in Russian then English; empty when nothing is needed.</param>
public sealed record OneCPublicationReport(
    bool ODataPublished,
    OneCEntityNames? Names,
    IReadOnlyList<string> PublishedSets,
    IReadOnlyList<string> MissingSets,
    IReadOnlyList<string> MissingOptionalSets,
    string Advice)
{
    /// <summary>The Russian path to the composition settings in a typical (БСП) configuration.</summary>
    public const string CompositionPath = "Все функции → Обработки → Настройка стандартного интерфейса OData → Состав";

    /// <summary>True when the configuration is recognised and every required set is published.</summary>
    public bool Ready => ODataPublished && Names is not null && MissingSets.Count == 0;

    /// <summary>The report for a base whose service document lists <paramref name="publishedSets"/>.</summary>
    public static OneCPublicationReport From(IReadOnlyCollection<string> publishedSets)
    {
        ArgumentNullException.ThrowIfNull(publishedSets);
        var published = publishedSets.ToList();
        if (published.Count == 0)
        {
            return new(false, null, [], OneCEntityNames.Bp30.Required, OneCEntityNames.Bp30.Optional, NotPublishedAdvice);
        }

        var names = OneCEntityNames.Detect(published);
        var expected = names ?? OneCEntityNames.Bp30;
        var have = published.ToHashSet(StringComparer.Ordinal);
        var missing = expected.Required.Where(set => !have.Contains(set)).ToList();
        var missingOptional = expected.Optional.Where(set => !have.Contains(set)).ToList();

        var advice = new List<string>();
        if (names is null)
        {
            advice.Add("Не удалось определить конфигурацию: не опубликованы её документы (счёт, поступления). Ниже — объекты для 1С:Бухгалтерии 3.0.");
            advice.Add("The configuration could not be recognised: its documents (invoice, receipts) are not published. Below are the objects for 1C:Accounting 3.0.");
        }

        if (missing.Count > 0 || missingOptional.Count > 0)
        {
            var list = string.Join(", ", missing.Concat(missingOptional.Select(set => set + " (optional)")));
            advice.Add($"В 1С откройте «{CompositionPath}», отметьте флажками объекты: {list} — и нажмите «Сохранить и закрыть».");
            advice.Add($"In 1C open \"{CompositionPath}\" (All functions → Data processors → Standard OData interface setup → Composition), tick these objects: {list} — and save.");
        }

        return new(true, names, published, missing, missingOptional, string.Join(Environment.NewLine, advice));
    }

    /// <summary>The report for a base where OData answers nothing at all (no service document).</summary>
    public static OneCPublicationReport NotPublished() =>
        new(false, null, [], OneCEntityNames.Bp30.Required, OneCEntityNames.Bp30.Optional, NotPublishedAdvice);

    private static string NotPublishedAdvice => string.Join(
        Environment.NewLine,
        "Стандартный интерфейс OData не опубликован: в конфигураторе откройте «Администрирование → Публикация на веб-сервере», включите флажок «Публиковать стандартный интерфейс OData» и опубликуйте базу; затем в 1С откройте «"
            + CompositionPath + "» и отметьте объекты: " + string.Join(", ", OneCEntityNames.Bp30.Required) + ".",
        "The standard OData interface is not published: in the Designer open Administration → Publish to web server, tick \"Публиковать стандартный интерфейс OData\" (Publish standard OData interface) and publish; then in 1C open \""
            + CompositionPath + "\" and tick: " + string.Join(", ", OneCEntityNames.Bp30.Required) + ". In a cloud (1cFresh, Scloud) ask the provider to enable OData.");
}
