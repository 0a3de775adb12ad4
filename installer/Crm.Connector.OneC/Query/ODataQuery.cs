using System.Text;

namespace Crm.Connector.OneC.Query;

/// <summary>
/// A read of an entity set: <c>EntitySet?$format=json;odata=nometadata&amp;$select=…&amp;$filter=…&amp;$orderby=…&amp;$top=…&amp;$skip=…</c>
/// relative to the service root. The set name is a percent-encoded UTF-8 path segment; option values are encoded like
/// <c>encodeURIComponent</c> (<see cref="ODataEncoding.Component"/>); option names stay literal. Never adds
/// <c>$inlinecount</c>: with it 1C ignores <c>$top</c>/<c>$skip</c> (1C doc 17.4.6.2).
/// </summary>
public sealed record ODataQuery
{
    /// <summary>
    /// JSON without metadata (no <c>odata.metadata</c>, no navigation link properties). Sent literal, as in 1C's own
    /// documentation (<c>;</c> and <c>=</c> not encoded).
    /// </summary>
    public const string Format = "json;odata=nometadata";

    /// <summary>A query of the whole set.</summary>
    public ODataQuery(string entitySet)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        EntitySet = entitySet;
    }

    /// <summary>The entity set, e.g. <c>Catalog_Контрагенты</c>.</summary>
    public string EntitySet { get; }

    /// <summary>The fields to read (<c>$select</c>); table part fields as <c>Table/Field</c>; empty = all.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>The <c>$filter</c>, if any.</summary>
    public ODataFilter? Filter { get; init; }

    /// <summary>The <c>$orderby</c>, if any (<c>Ref_Key</c> for paging).</summary>
    public string? OrderBy { get; init; }

    /// <summary>The <c>$top</c>, if any.</summary>
    public int? Top { get; init; }

    /// <summary>The <c>$skip</c>, if any.</summary>
    public int? Skip { get; init; }

    /// <summary>This query reading only <paramref name="fields"/>.</summary>
    public ODataQuery Select(params string[] fields) => this with { Fields = fields };

    /// <summary>This query filtered by <paramref name="filter"/>.</summary>
    public ODataQuery Where(ODataFilter filter) => this with { Filter = filter };

    /// <summary>This query ordered by <paramref name="field"/>.</summary>
    public ODataQuery Ordered(string field) => this with { OrderBy = field };

    /// <summary>This query's page: <c>$top</c> <paramref name="top"/>, <c>$skip</c> <paramref name="skip"/>.</summary>
    public ODataQuery Page(int top, int skip)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        return this with { Top = top, Skip = skip };
    }

    /// <summary>The URL relative to the service root.</summary>
    public string ToRelativeUrl()
    {
        var url = new StringBuilder(ODataEncoding.Segment(EntitySet)).Append("?$format=").Append(Format);
        if (Fields.Count > 0)
        {
            url.Append("&$select=").Append(ODataEncoding.Component(string.Join(',', Fields)));
        }

        if (Filter is not null)
        {
            url.Append("&$filter=").Append(ODataEncoding.Component(Filter.Text));
        }

        if (OrderBy is not null)
        {
            url.Append("&$orderby=").Append(ODataEncoding.Component(OrderBy));
        }

        if (Top is { } top)
        {
            url.Append("&$top=").Append(top.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (Skip is { } skip)
        {
            url.Append("&$skip=").Append(skip.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return url.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToRelativeUrl();

    /// <summary>One object's canonical URL: <c>Set(guid'…')</c> (percent-encoded set name).</summary>
    public static string EntityKey(string entitySet, Guid refKey) => ODataEncoding.Segment(entitySet) + "(" + ODataLiteral.Of(refKey).Text + ")";

    /// <summary>
    /// A document's posting action: <c>Set(guid'…')/Post?PostingModeOperational=false</c> (1C doc 17.4.13.1.7; the form
    /// without <c>()</c> after <c>Post</c>, as in the documentation).
    /// </summary>
    public static string PostAction(string entitySet, Guid refKey) => EntityKey(entitySet, refKey) + "/Post?PostingModeOperational=false";

    /// <summary>One object's URL with <c>$format</c> and, when given, <c>$select</c>.</summary>
    public static string EntityUrl(string entitySet, Guid refKey, IReadOnlyCollection<string>? fields = null)
    {
        var url = EntityKey(entitySet, refKey) + "?$format=" + Format;
        return fields is { Count: > 0 } ? url + "&$select=" + ODataEncoding.Component(string.Join(',', fields)) : url;
    }
}
