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
/// previous page's last id — 2,500 rows per request, one request after another as the reader takes the rows.
/// <see cref="ReadAllAsync"/> reads the same rows sooner: its first request also asks for the last id, the ids between
/// are cut into ranges of about one request's rows, and the ranges are scanned at once (each by the same chain, bounded by
/// <c>&lt;=ID</c>), rows still coming in id order. Every page is checked (ids rising, above the last one seen, within its
/// range), so neither ever yields a row twice nor skips one that existed throughout, even while rows are added or
/// deleted; but <see cref="ReadAllAsync"/> reads ahead of its reader, so a row deleted after it was read still comes.
/// </summary>
public sealed class ListReader
{
    /// <summary>
    /// Most id ranges <see cref="ReadAllAsync"/> reads at once: enough to overlap the round trips of a 10,000-row list
    /// (four ranges of 2,500), few enough that a list of sparse ids wastes at most a few requests on near-empty ranges.
    /// </summary>
    public const int MaxRanges = 8;

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
        var (template, filter, lastId) = Start(parameters, shape);

        // One plain page first: most lists are short, and a short first page ends the scan in one request.
        var first = await _requestor.CallAsync(method, Page(template, filter, shape, lastId, null), cancellationToken);
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
            var step = await StepAsync(method, template, filter, shape, pagesPerRequest, lastId, null, cancellationToken);
            foreach (var row in step.Rows)
            {
                yield return row;
            }

            if (step.Finished)
            {
                yield break;
            }

            lastId = step.LastId;
        }
    }

    public async IAsyncEnumerable<JObject> ReadAllAsync(string method, JObject? parameters, ListShape shape, int pagesPerRequest, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        pagesPerRequest = Math.Clamp(pagesPerRequest, 1, BatchRunner.MaxCommands);
        var (template, filter, lastId) = Start(parameters, shape);

        // The first page and the last id in one request: a short list ends here, a long one learns its id span.
        var head = await _batches.RunAsync(
            [
                new BatchCommand("first", method, Page(template, filter, shape, lastId, null)),
                new BatchCommand("last", method, LastId(template, filter, shape, lastId)),
            ],
            halt: false,
            BatchOrder.AsGiven,
            cancellationToken);
        var first = head["first"];
        if (!first.Succeeded)
        {
            throw new Bitrix24Exception(method, first.ErrorCode ?? string.Empty, first.ErrorDescription ?? "the page could not be read", null);
        }

        var rows = shape.Rows(first.Result);
        foreach (var row in rows)
        {
            yield return row;
        }

        if (rows.Count != ListShape.PageSize)
        {
            yield break;
        }

        var from = shape.IdOf(rows[0]);
        lastId = shape.IdOf(rows[^1]);
        var bounds = Ranges(lastId, from, head["last"] is { Succeeded: true } last && shape.Rows(last.Result) is [var top, ..] ? shape.IdOf(top) : null, pagesPerRequest);

        // Every range's first request at once; then each range's next one as soon as its rows are taken, in id order.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var steps = new Task<RangeStep>[bounds.Count - 1];
        for (var r = 0; r < steps.Length; r++)
        {
            steps[r] = StepAsync(method, template, filter, shape, pagesPerRequest, bounds[r], Upper(bounds, r), stop.Token);
        }

        try
        {
            for (var r = 0; r < steps.Length; r++)
            {
                while (true)
                {
                    var step = await steps[r];
                    foreach (var row in step.Rows)
                    {
                        yield return row;
                    }

                    if (step.Finished)
                    {
                        break;
                    }

                    steps[r] = StepAsync(method, template, filter, shape, pagesPerRequest, step.LastId, Upper(bounds, r), stop.Token);
                }
            }
        }
        finally
        {
            // The reader stopped early (or failed): ranges still out are called off and waited for, so none runs on unseen.
            await stop.CancelAsync();
            foreach (var step in steps)
            {
                await ((Task)step).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// Cuts the ids after <paramref name="lastId"/> up to <paramref name="maxId"/> into ranges of about one request's
    /// rows each, judging how dense the ids are by the first page (from <paramref name="firstId"/> to
    /// <paramref name="lastId"/>): at most <see cref="MaxRanges"/>. The last range has no upper bound, so rows added
    /// beyond the last id while the list is read still come, as in <see cref="ScanAsync"/>.
    /// </summary>
    private static List<long> Ranges(long lastId, long firstId, long? maxId, int pagesPerRequest)
    {
        if (maxId is not { } max || max <= lastId)
        {
            return [lastId, long.MaxValue];
        }

        var span = max - lastId;
        var density = ListShape.PageSize / (double)Math.Max(ListShape.PageSize, lastId - firstId + 1);
        var ranges = (int)Math.Clamp(Math.Ceiling(span * density / (pagesPerRequest * ListShape.PageSize)), 1, MaxRanges);
        var bounds = Enumerable.Range(0, ranges).Select(r => lastId + (span * r / ranges)).ToList();
        bounds.Add(long.MaxValue);
        return bounds;
    }

    private static long? Upper(List<long> bounds, int range) => range + 2 == bounds.Count ? null : bounds[range + 1];

    /// <summary>
    /// One request: up to <paramref name="pages"/> pages after <paramref name="after"/> (and up to
    /// <paramref name="upTo"/>), each page's filter referring to the previous page's last id. Every page is checked (ids
    /// rising, above the last one seen, within the range); the rows up to the first page that is not are kept, and the
    /// next request goes on from there.
    /// </summary>
    private async Task<RangeStep> StepAsync(string method, JObject template, JObject filter, ListShape shape, int pages, long after, long? upTo, CancellationToken cancellationToken)
    {
        var commands = new List<BatchCommand>(pages);
        for (var i = 0; i < pages; i++)
        {
            var from = i == 0 ? after.ToString(CultureInfo.InvariantCulture) : shape.LastIdReference($"p{i - 1}");
            commands.Add(new BatchCommand($"p{i}", method, Page(template, filter, shape, from, upTo)));
        }

        var result = await _batches.RunAsync(commands, halt: false, BatchOrder.AsGiven, cancellationToken);
        var read = new List<JObject>();
        var lastId = after;
        for (var i = 0; i < pages; i++)
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

            var rows = shape.Rows(page.Result);
            if (!Continues(rows, shape, lastId, upTo))
            {
                if (i == 0)
                {
                    throw new Bitrix24Exception(method, Bitrix24ErrorCodes.UnexpectedAnswer, $"a page asked for rows after {shape.IdField} {lastId} returned rows out of order; the scan stops rather than repeat rows", null);
                }

                break;
            }

            read.AddRange(rows);
            if (rows.Count != ListShape.PageSize)
            {
                return new RangeStep(read, lastId, Finished: true);
            }

            lastId = shape.IdOf(rows[^1]);
            if (lastId >= upTo)
            {
                return new RangeStep(read, lastId, Finished: true);
            }
        }

        return new RangeStep(read, lastId, Finished: false);
    }

    /// <summary>The caller's parameters as a template, its filter without the id bound, and the id to start after.</summary>
    private static (JObject Template, JObject Filter, long After) Start(JObject? parameters, ListShape shape)
    {
        var template = parameters is null ? [] : (JObject)parameters.DeepClone();
        var filter = template["filter"] as JObject ?? [];
        var above = $">{shape.IdField}";
        var after = filter.Value<long?>(above) ?? 0;
        filter.Remove(above);
        return (template, filter, after);
    }

    /// <summary>
    /// True when the page's ids rise strictly from above <paramref name="lastId"/>, none beyond <paramref name="upTo"/>
    /// (a page chained to a missing id does not).
    /// </summary>
    private static bool Continues(IReadOnlyList<JObject> rows, ListShape shape, long lastId, long? upTo)
    {
        var previous = lastId;
        foreach (var row in rows)
        {
            var id = shape.IdOf(row);
            if (id <= previous || id > upTo)
            {
                return false;
            }

            previous = id;
        }

        return true;
    }

    private static JObject Page(JObject template, JObject filter, ListShape shape, long after, long? upTo) =>
        Page(template, filter, shape, after.ToString(CultureInfo.InvariantCulture), upTo);

    private static JObject Page(JObject template, JObject filter, ListShape shape, string after, long? upTo)
    {
        var page = (JObject)template.DeepClone();
        var pageFilter = (JObject)filter.DeepClone();
        pageFilter[$">{shape.IdField}"] = after;
        if (upTo is { } upper)
        {
            pageFilter[$"<={shape.IdField}"] = upper;
        }

        page["filter"] = pageFilter;
        page["order"] = new JObject { [shape.IdField] = "ASC" };
        page["start"] = -1;
        return page;
    }

    /// <summary>One page of the matching rows after <paramref name="after"/> by descending id, ids only: its first row has the last id.</summary>
    private static JObject LastId(JObject template, JObject filter, ListShape shape, long after)
    {
        var page = Page(template, filter, shape, after, null);
        page["order"] = new JObject { [shape.IdField] = "DESC" };
        page["select"] = new JArray(shape.IdField);
        return page;
    }

    /// <summary>What one request of a range read: its rows, the last id among them, and whether the range is done.</summary>
    private sealed record RangeStep(List<JObject> Rows, long LastId, bool Finished);
}
