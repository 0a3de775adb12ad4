using System.Globalization;
using System.Runtime.CompilerServices;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Lists;

/// <summary>
/// Reads whole lists. <see cref="PagesAsync"/> follows <c>next</c> page by page (small directories).
/// <see cref="ScanAsync"/> is the fast full scan (bitrix24-rest.md §11): <c>order ID asc</c>, <c>filter &gt;ID</c>,
/// <c>start=-1</c> (no COUNT), chaining up to 50 pages in one <c>batch</c> by referring each page's filter to the
/// previous page's last id — 2,500 rows per request. Every page is checked (ids rising, above the last one seen), so a
/// scan never yields a row twice nor skips one that existed throughout, even while rows are added or deleted.
/// </summary>
public sealed class ListReader
{
    private readonly Bitrix24Requestor _requestor;
    private readonly BatchRunner _batches;

    internal ListReader(Bitrix24Requestor requestor, BatchRunner batches)
    {
        _requestor = requestor;
        _batches = batches;
    }

    public async IAsyncEnumerable<JObject> PagesAsync(string method, JObject? parameters, ListShape shape, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        int? start = 0;
        while (start is not null)
        {
            var page = parameters is null ? [] : (JObject)parameters.DeepClone();
            page["start"] = start.Value;
            var response = await _requestor.CallAsync(method, page, cancellationToken);
            foreach (var row in shape.Rows(response.Result))
            {
                yield return row;
            }

            start = response.Next;
        }
    }

    public async IAsyncEnumerable<JObject> ScanAsync(string method, JObject? parameters, ListShape shape, int pagesPerRequest, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        pagesPerRequest = Math.Clamp(pagesPerRequest, 1, BatchRunner.MaxCommands);
        var template = parameters is null ? [] : (JObject)parameters.DeepClone();
        var filter = template["filter"] as JObject ?? [];
        var above = $">{shape.IdField}";
        var lastId = filter.Value<long?>(above) ?? 0;
        filter.Remove(above);

        // One plain page first: most lists are short, and a short first page ends the scan in one request.
        var first = await _requestor.CallAsync(method, Page(template, filter, shape, lastId.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        var rows = shape.Rows(first.Result);
        foreach (var row in rows)
        {
            yield return row;
        }

        // Fewer rows than a page is the end; more means the method does not page at all.
        if (rows.Count != ListShape.PageSize)
        {
            yield break;
        }

        lastId = shape.IdOf(rows[^1]);
        while (true)
        {
            var commands = new List<BatchCommand>(pagesPerRequest);
            for (var i = 0; i < pagesPerRequest; i++)
            {
                var after = i == 0 ? lastId.ToString(CultureInfo.InvariantCulture) : shape.LastIdReference($"p{i - 1}");
                commands.Add(new BatchCommand($"p{i}", method, Page(template, filter, shape, after)));
            }

            var result = await _batches.RunAsync(commands, halt: false, cancellationToken);
            for (var i = 0; i < pagesPerRequest; i++)
            {
                var page = result[$"p{i}"];
                if (!page.Succeeded)
                {
                    // The first page stands on a known id: its failure is real. Later ones may only have lost their chain.
                    if (i == 0)
                    {
                        throw new Bitrix24Exception(method, page.ErrorCode ?? string.Empty, page.ErrorDescription ?? "the page could not be read", null);
                    }

                    break;
                }

                rows = shape.Rows(page.Result);
                if (!Continues(rows, shape, lastId))
                {
                    if (i == 0)
                    {
                        throw new Bitrix24Exception(method, Bitrix24ErrorCodes.UnexpectedAnswer, $"a page asked for rows after {shape.IdField} {lastId} returned rows out of order; the scan stops rather than repeat rows", null);
                    }

                    break;
                }

                foreach (var row in rows)
                {
                    yield return row;
                }

                if (rows.Count != ListShape.PageSize)
                {
                    yield break;
                }

                lastId = shape.IdOf(rows[^1]);
            }
        }
    }

    /// <summary>True when the page's ids rise strictly from above <paramref name="lastId"/> (a page chained to a missing id does not).</summary>
    private static bool Continues(IReadOnlyList<JObject> rows, ListShape shape, long lastId)
    {
        var previous = lastId;
        foreach (var row in rows)
        {
            var id = shape.IdOf(row);
            if (id <= previous)
            {
                return false;
            }

            previous = id;
        }

        return true;
    }

    private static JObject Page(JObject template, JObject filter, ListShape shape, string after)
    {
        var page = (JObject)template.DeepClone();
        var pageFilter = (JObject)filter.DeepClone();
        pageFilter[$">{shape.IdField}"] = after;
        page["filter"] = pageFilter;
        page["order"] = new JObject { [shape.IdField] = "ASC" };
        page["start"] = -1;
        return page;
    }
}
