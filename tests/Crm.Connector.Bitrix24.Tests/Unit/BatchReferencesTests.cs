using Crm.Connector.Bitrix24.Batch;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Tests.Unit;

public sealed class BatchReferencesTests
{
    private static readonly Dictionary<string, BatchCommandResult> Done = new()
    {
        ["pipeline"] = new("pipeline", "crm.category.add", BatchCommandStatus.Succeeded, JObject.Parse("{\"category\": {\"id\": 7}}")),
        ["page"] = new("page", "crm.deal.list", BatchCommandStatus.Succeeded, JArray.Parse("[{\"ID\": \"10\"}, {\"ID\": \"11\"}]")),
    };

    [Fact]
    public void KeysIn_Parameters_FindsEveryReferencedCommand()
    {
        var parameters = JObject.Parse("{\"fields\": {\"ENTITY_ID\": \"DEAL_STAGE_$result[pipeline][category][id]\", \"X\": [\"$result[other]\"]}}");

        Assert.Equal(["pipeline", "other"], BatchReferences.KeysIn(parameters));
    }

    [Fact]
    public void KeysInAndResolve_AStringValueHoldingNull_IsNoReference()
    {
        var parameters = new JObject { ["fields"] = new JObject { ["NAME"] = (string?)null, ["CONTACT_ID"] = "$result[pipeline][category][id]" } };

        Assert.Equal(["pipeline"], BatchReferences.KeysIn(parameters));
        var resolved = BatchReferences.Resolve(parameters, Done, out var problem);
        Assert.Null(problem);
        Assert.Equal("7", resolved!.SelectToken("fields.CONTACT_ID")!.ToString());
    }

    [Fact]
    public void Resolve_ReferenceInsideText_IsReplacedByTheValue()
    {
        var parameters = JObject.Parse("{\"fields\": {\"ENTITY_ID\": \"DEAL_STAGE_$result[pipeline][category][id]\"}}");

        var resolved = BatchReferences.Resolve(parameters, Done, out var problem);

        Assert.Null(problem);
        Assert.Equal("DEAL_STAGE_7", resolved!.SelectToken("fields.ENTITY_ID")!.Value<string>());
    }

    [Fact]
    public void Resolve_WholeValueReference_KeepsTheValuesType()
    {
        var resolved = BatchReferences.Resolve(JObject.Parse("{\"id\": \"$result[pipeline][category][id]\", \"after\": \"$result[page][1][ID]\"}"), Done, out _);

        Assert.Equal(JTokenType.Integer, resolved!["id"]!.Type);
        Assert.Equal("11", resolved["after"]!.Value<string>());
    }

    [Fact]
    public void Resolve_PathTheResultLacks_ReportsTheProblem()
    {
        var resolved = BatchReferences.Resolve(JObject.Parse("{\"after\": \"$result[page][49][ID]\"}"), Done, out var problem);

        Assert.Null(resolved);
        Assert.Contains("$result[page][49][ID]", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ReferenceToACommandNotYetRun_IsLeftForThePortal()
    {
        var resolved = BatchReferences.Resolve(JObject.Parse("{\"id\": \"$result[later][id]\"}"), Done, out _);

        Assert.Equal("$result[later][id]", resolved!["id"]!.Value<string>());
    }
}
