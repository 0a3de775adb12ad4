using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.Storage.Effects;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.AmoCrm.Work.Effects;

/// <summary>
/// Looks in the account for what effects that may have landed before created — their sender died, or an answer was
/// lost. amoCRM keeps no external id on tasks, notes or leads, so each create is recognised by what it wrote, under
/// these assumptions:
/// <list type="bullet">
/// <item>a task: same entity, exactly the same text and the same <c>complete_till</c> second (the app puts the
/// occurrence into neither, but two tasks of one automation on one lead with the same deadline are the same task);</item>
/// <item>a note: same entity and exactly the same text and type;</item>
/// <item>a lead (a copy): same pipeline and name, created no earlier than a minute before the effect was recorded
/// (clocks of the app and amoCRM may differ a little);</item>
/// <item>a PATCH is not looked for: sending it again sets the same values.</item>
/// </list>
/// Objects the audit already credits to other effects, and ones found for another effect in the same pass, are never
/// taken. A create whose body refers to another command's result is looked for once that one was found. Lookups are
/// list calls per entity kind (tasks of many leads in one request, copies per pipeline), notes per entity.
/// </summary>
internal static class AmoEffectLocator
{
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The ids found, by effect key and command key. <paramref name="credited"/> holds <c>collection/id</c> of the
    /// objects the audit gives to other effects.
    /// </summary>
    public static async Task<Dictionary<string, Dictionary<string, long>>> LocateAsync(AmoCrmClient client, IReadOnlyList<Effect> effects, IReadOnlySet<string> credited, CancellationToken cancellationToken)
    {
        var found = effects.ToDictionary(e => e.Key, _ => new Dictionary<string, long>(StringComparer.Ordinal), StringComparer.Ordinal);
        var looked = new HashSet<(string, string)>();
        var taken = new HashSet<string>(credited, StringComparer.Ordinal);
        var commands = effects.ToDictionary(e => e.Key, AmoEffects.Commands, StringComparer.Ordinal);
        while (true)
        {
            var wanted = new List<(Effect Effect, AmoCommand Command, JObject Body)>();
            foreach (var effect in effects)
            {
                var results = found[effect.Key];
                foreach (var command in commands[effect.Key].Where(c => !AmoEffects.IsRepeatable(c.Method) && !looked.Contains((effect.Key, c.Key))))
                {
                    if (AmoEffects.References(command.Body).All(results.ContainsKey))
                    {
                        looked.Add((effect.Key, command.Key));
                        wanted.Add((effect, command, AmoEffects.Resolve(command.Body, results)));
                    }
                }
            }

            if (wanted.Count == 0)
            {
                return found;
            }

            foreach (var (effect, command, id) in await FindAsync(client, wanted, taken, cancellationToken))
            {
                found[effect.Key][command.Key] = id;
            }
        }
    }

    /// <summary>The collection an id created by <paramref name="path"/> belongs to: <c>tasks</c>, <c>leads</c>, <c>leads/notes</c>.</summary>
    public static string Collection(string path) => path.Trim('/').Replace("api/v4/", string.Empty, StringComparison.Ordinal);

    private static async Task<List<(Effect, AmoCommand, long)>> FindAsync(AmoCrmClient client, List<(Effect Effect, AmoCommand Command, JObject Body)> wanted, HashSet<string> taken, CancellationToken cancellationToken)
    {
        var found = new List<(Effect, AmoCommand, long)>();
        void Take(Effect effect, AmoCommand command, IEnumerable<long> candidates)
        {
            var collection = Collection(command.Path);
            foreach (var id in candidates)
            {
                if (taken.Add($"{collection}/{id}"))
                {
                    found.Add((effect, command, id));
                    return;
                }
            }
        }

        var tasks = wanted.Where(w => Collection(w.Command.Path) == "tasks").ToList();
        foreach (var byType in tasks.GroupBy(w => w.Body.Value<string>("entity_type")))
        {
            var listed = await client.Tasks.ListAsync(
                byType.Key is null
                    ? new AmoTaskFilter { ResponsibleUserIds = [.. byType.Select(w => w.Body.Value<long?>("responsible_user_id")).OfType<long>().Distinct()], UpdatedFrom = byType.Min(w => w.Effect.CreatedAt) - ClockSlack }
                    : new AmoTaskFilter { EntityType = byType.Key, EntityIds = [.. byType.Select(w => w.Body.Value<long?>("entity_id")).OfType<long>().Distinct()] },
                cancellationToken);
            foreach (var (effect, command, body) in byType)
            {
                var till = body.Value<long?>("complete_till");
                Take(effect, command, listed
                    .Where(t => t.EntityId == body.Value<long?>("entity_id") && t.Text == body.Value<string>("text") && t.CompleteTill?.ToUnixTimeSeconds() == till)
                    .OrderBy(t => t.Id)
                    .Select(t => t.Id));
            }
        }

        var leads = wanted.Where(w => Collection(w.Command.Path) == "leads").ToList();
        foreach (var byPipeline in leads.GroupBy(w => w.Body.Value<long?>("pipeline_id")))
        {
            var since = byPipeline.Min(w => w.Effect.CreatedAt) - ClockSlack;
            var listed = await client.Leads.ListAsync(new AmoListFilter { PipelineIds = byPipeline.Key is { } p ? [p] : null, CreatedFrom = since }, cancellationToken);
            foreach (var (effect, command, body) in byPipeline)
            {
                Take(effect, command, listed
                    .Where(l => l.Name == body.Value<string>("name") && l.CreatedAt >= effect.CreatedAt - ClockSlack)
                    .OrderBy(l => l.Id)
                    .Select(l => l.Id));
            }
        }

        var notes = wanted.Where(w => Collection(w.Command.Path).EndsWith("/notes", StringComparison.Ordinal)).ToList();
        foreach (var byEntity in notes.GroupBy(w => (Collection: Collection(w.Command.Path), EntityId: w.Body.Value<long?>("entity_id"))))
        {
            if (byEntity.Key.EntityId is not { } entityId || Entity(byEntity.Key.Collection) is not { } entity)
            {
                continue;
            }

            var listed = await client.Notes.ListAsync(entity, entityId, cancellationToken);
            foreach (var (effect, command, body) in byEntity)
            {
                Take(effect, command, listed
                    .Where(n => n.NoteType == body.Value<string>("note_type") && n.Params?.Text == body["params"]?.Value<string>("text"))
                    .OrderBy(n => n.Id)
                    .Select(n => n.Id));
            }
        }

        return found;
    }

    private static AmoEntityType? Entity(string notesCollection) => notesCollection switch
    {
        "leads/notes" => AmoEntityType.Leads,
        "contacts/notes" => AmoEntityType.Contacts,
        "companies/notes" => AmoEntityType.Companies,
        _ => null,
    };
}
