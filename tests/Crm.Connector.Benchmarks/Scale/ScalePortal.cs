using System.Globalization;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Storage;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Benchmarks.Scale;

/// <summary>
/// A driving school's portal (seed 000) in a scale or fault run: a sandbox portal, the app installed on it through the
/// proxy, and the changes its people make. New deals go into «Новый клиент» with five test scores, so the app owes each
/// one «Собрать первичные сведения» task and its admission (sum of the scores ≥ 425) — effects that are easy to count
/// once per deal, which is what the runs check.
/// </summary>
internal sealed class ScalePortal : IAsyncDisposable
{
    /// <summary>The five tests of seed 000; a deal is admitted when they sum to 425 or more.</summary>
    public static readonly IReadOnlyList<string> Scores = ["UF_CRM_TEST_KOAP", "UF_CRM_TEST_SAFETY", "UF_CRM_TEST_VEHICLE", "UF_CRM_TEST_FIRST_AID", "UF_CRM_TEST_RULES"];

    /// <summary>The title prefix of the task the app makes for every new deal in «Новый клиент».</summary>
    public const string TaskTitle = "Собрать первичные сведения";

    private readonly Dictionary<long, bool> _expected = [];
    private Bitrix24Client? _editor;

    private ScalePortal(Bitrix24Sandbox sandbox, int number)
    {
        Sandbox = sandbox;
        Number = number;
    }

    public Bitrix24Sandbox Sandbox { get; }

    /// <summary>0, 1, 2… (the first portal's token endpoint is the one the app is configured with).</summary>
    public int Number { get; }

    public string MemberId => Sandbox.App.MemberId;

    /// <summary>The id of pipeline «Новый клиент», known after <see cref="InstallAsync"/>.</summary>
    public int Pipeline { get; private set; }

    /// <summary>Deals the run created, with the admission each must end with.</summary>
    public IReadOnlyDictionary<long, bool> Expected => _expected;

    /// <summary>Requests the run itself sent to this portal (creating and changing deals), to tell them from the app's.</summary>
    public int OwnRequests { get; private set; }

    /// <summary>
    /// Starts portal <paramref name="number"/>. Every portal of a run shares one OAuth app (client id and secret), as a
    /// marketplace app has one, so one app configuration serves them all.
    /// </summary>
    public static async Task<ScalePortal> StartAsync(int number, string clientId, string clientSecret, TimeSpan latency)
    {
        var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Plan = "professional", ClientId = clientId, ClientSecret = clientSecret });
        sandbox.Faults.Latency = latency;
        return new ScalePortal(sandbox, number);
    }

    /// <summary>The marketplace installs the app at <paramref name="installUrl"/> (the proxy); fails loudly if the app refused.</summary>
    public async Task InstallAsync(Uri installUrl, IStore store)
    {
        var result = await Sandbox.InstallAppAsync(installUrl);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Installing on portal {Number} failed: {string.Join("; ", result.Posts.Select(p => $"{p.Name} {p.StatusCode} {p.Body}"))}");
        }

        Pipeline = Sandbox.State()["categories"]!.Single(c => c.Value<string>("name") == "Новый клиент").Value<int>("id");

        // The run edits deals as the app (same member, same portal bucket) and through the store's shared budget, so its
        // requests are paced with the app's instead of eating the portal's limit behind their back.
        var (editor, _) = await SandboxInstallation.InstallAsync(Sandbox, new Bitrix24ClientOptions { RequestBudget = store.RequestBudget, RateLimit = RateLimit.Standard });
        _editor = editor;
    }

    /// <summary>
    /// Adds <paramref name="count"/> deals in batch requests of 50: every other one admitted (five 90s = 450), the rest not
    /// (a 10 in the last test = 370). Returns their ids.
    /// </summary>
    public async Task<IReadOnlyList<long>> AddDealsAsync(int count, CancellationToken cancellationToken = default)
    {
        var commands = Enumerable.Range(0, count).Select(i =>
        {
            var fields = new JObject { ["TITLE"] = string.Create(CultureInfo.InvariantCulture, $"Ученик {Number}-{i}"), ["CATEGORY_ID"] = Pipeline };
            foreach (var score in Scores)
            {
                fields[score] = 90;
            }

            fields[Scores[^1]] = Admits(i) ? 90 : 10;
            return new BatchCommand(string.Create(CultureInfo.InvariantCulture, $"d{i}"), "crm.deal.add", new JObject { ["fields"] = fields });
        }).ToList();
        var result = (await Editor.BatchAsync(commands, cancellationToken: cancellationToken)).EnsureSuccess();
        OwnRequests += (count + 49) / 50;
        var ids = result.Commands.Select(c => c.Result!.Value<long>()).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            _expected[ids[i]] = Admits(i);
        }

        return ids;
    }

    /// <summary>
    /// The second change of each deal: its last test score flips (90 ↔ 10), so its admission must flip too — a second
    /// event per deal, possibly while the first is still being worked on.
    /// </summary>
    public async Task FlipLastScoreAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        var commands = ids.Select(id => new BatchCommand(
            "u" + id.ToString(CultureInfo.InvariantCulture),
            "crm.deal.update",
            new JObject { ["id"] = id, ["fields"] = new JObject { [Scores[^1]] = _expected[id] ? 10 : 90 } })).ToList();
        (await Editor.BatchAsync(commands, cancellationToken: cancellationToken)).EnsureSuccess();
        OwnRequests += (ids.Count + 49) / 50;
        foreach (var id in ids)
        {
            _expected[id] = !_expected[id];
        }
    }

    /// <summary>What the portal holds now for the run's deals: their tasks and admissions against what they must be.</summary>
    public DealCount Count()
    {
        var state = Sandbox.State();
        var tasks = state["tasks"]!
            .Where(t => t.Value<string>("title")?.StartsWith(TaskTitle, StringComparison.Ordinal) == true)
            .SelectMany(t => t["ufCrmTask"]?.Values<string>() ?? [])
            .GroupBy(binding => binding, StringComparer.Ordinal)
            .ToDictionary(g => g.Key!, g => g.Count(), StringComparer.Ordinal);
        var admissions = state["items"]!["deal"]!
            .ToDictionary(d => d.Value<long>("ID"), d => d["UF_CRM_TEST_ADMISSION"]?.ToString());
        var count = new DealCount { Deals = _expected.Count };
        foreach (var (id, admitted) in _expected)
        {
            var made = tasks.GetValueOrDefault("D_" + id.ToString(CultureInfo.InvariantCulture));
            var value = admissions.GetValueOrDefault(id);
            var right = admitted ? value is "1" or "Y" or "True" or "true" : value is "0" or "N" or "False" or "false";
            count = count with
            {
                Tasks = count.Tasks + made,
                Duplicated = count.Duplicated + (made > 1 ? 1 : 0),
                WithoutTask = count.WithoutTask + (made == 0 ? 1 : 0),
                WrongAdmission = count.WrongAdmission + (right ? 0 : 1),
                Missing = count.Missing + (made == 0 || !right ? 1 : 0),
            };
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        _editor?.Dispose();
        await Sandbox.DisposeAsync();
    }

    private static bool Admits(int i) => i % 2 == 0;

    private Bitrix24Client Editor => _editor ?? throw new InvalidOperationException("Install the app first.");
}
