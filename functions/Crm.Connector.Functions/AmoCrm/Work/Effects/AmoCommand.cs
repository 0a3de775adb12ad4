using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.AmoCrm.Work.Effects;

/// <summary>
/// One amoCRM write of an effect: <c>POST</c> or <c>PATCH</c> of one entity (<see cref="Body"/>) to a collection path
/// (<c>/api/v4/tasks</c>, <c>/api/v4/leads</c>, <c>/api/v4/leads/notes</c>). A body value may be
/// <see cref="Result"/>(<c>key</c>): the id the command <c>key</c> of the same effect created (a copy's notes name the
/// new lead). The sender writes the commands of many effects together, 50 entities a request.
/// </summary>
public sealed record AmoCommand(string Key, string Method, string Path, JObject Body)
{
    public const string Post = "POST";

    public const string Patch = "PATCH";

    /// <summary>The placeholder for the id created by command <paramref name="key"/> of the same effect.</summary>
    public static string Result(string key) => $"$result[{key}]";

    /// <summary><c>POST /api/v4/tasks</c> of one task (<c>text</c>, <c>complete_till</c> in unix seconds, <c>responsible_user_id</c>, <c>entity_id</c>/<c>entity_type</c>…).</summary>
    public static AmoCommand AddTask(string key, JObject task) => new(key, Post, "/api/v4/tasks", task);

    /// <summary><c>POST /api/v4/leads</c> of one lead (e.g. <see cref="AmoItemMapper.CopyOf"/>).</summary>
    public static AmoCommand AddLead(string key, JObject lead) => new(key, Post, "/api/v4/leads", lead);

    /// <summary><c>PATCH /api/v4/leads</c> of lead <paramref name="id"/> with <paramref name="changes"/> (e.g. <see cref="AmoItemMapper.ToUpdate"/>).</summary>
    public static AmoCommand UpdateLead(string key, long id, JObject changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var body = (JObject)changes.DeepClone();
        body["id"] = id;
        return new(key, Patch, "/api/v4/leads", body);
    }

    /// <summary>
    /// <c>POST /api/v4/{entity}/notes</c> of a plain text note on <paramref name="entityId"/> (a number, or
    /// <see cref="Result"/> of the command that creates the entity).
    /// </summary>
    public static AmoCommand AddNote(string key, string entityPath, JToken entityId, string text) =>
        new(key, Post, $"/api/v4/{entityPath}/notes", new JObject
        {
            ["entity_id"] = entityId,
            ["note_type"] = "common",
            ["params"] = new JObject { ["text"] = text },
        });
}
