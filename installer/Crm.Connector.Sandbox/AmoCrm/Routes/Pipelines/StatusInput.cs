using Crm.Connector.Sandbox.AmoCrm.Http;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Pipelines;

/// <summary>
/// A status as sent in a write (§3): <c>name</c>, <c>sort</c>, <c>color</c> (one of the 21), <c>descriptions[]</c>
/// (levels newbie|candidate|master, at most 3, each ≤ 1000 characters); <c>id</c> 142 or 143 only to rename those.
/// </summary>
internal sealed record StatusInput(long? Id, string? Name, int? Sort, string? Color, JArray? Descriptions)
{
    private static readonly string[] Levels = ["newbie", "candidate", "master"];

    /// <summary>Reads one status; <paramref name="creating"/> requires name and sort (except for a 142/143 rename).</summary>
    public static StatusInput Read(FieldReader reader, bool creating)
    {
        var id = reader.Long("id");
        var renamingClosed = id is State.Status.Won or State.Status.Lost;
        if (id is not null && !renamingClosed && creating)
        {
            reader.Error("NotSupportedChoice", "id", "Only 142 and 143 may be given by id, to rename them.");
        }

        var name = reader.String("name", required: creating);
        var sort = reader.Int("sort", required: creating && !renamingClosed);
        var color = reader.String("color");
        if (color is not null && !StatusColors.Allowed.Contains(color))
        {
            reader.Error("NotSupportedChoice", "color", "The colour is not one of the 21 allowed status colours.");
        }

        var descriptions = reader.Array("descriptions");
        if (descriptions is not null)
        {
            if (descriptions.Count > 3)
            {
                reader.Error("InvalidCount", "descriptions", "At most 3 descriptions.");
            }

            for (var i = 0; i < descriptions.Count; i++)
            {
                var path = $"descriptions.{FieldReader.Index(i)}";
                var level = (string?)descriptions[i]["level"];
                var text = (string?)descriptions[i]["description"];
                if (level is null || !Levels.Contains(level, StringComparer.Ordinal))
                {
                    reader.Error("NotSupportedChoice", path + ".level", "The level should be newbie, candidate or master.");
                }

                if (text is null || text.Length > 1000)
                {
                    reader.Error("InvalidLength", path + ".description", "A description of up to 1000 characters is required.");
                }
            }
        }

        return new StatusInput(id, name, sort, color?.ToLowerInvariant(), descriptions);
    }
}
