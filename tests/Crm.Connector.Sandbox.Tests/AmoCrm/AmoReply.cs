using System.Net;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.AmoCrm;

/// <summary>A raw answer of the amoCRM sandbox: status, content type, text and the JSON it parses to (null when none).</summary>
internal sealed record AmoReply(HttpStatusCode Status, string ContentType, string Text, JToken? Json)
{
    public JObject Body => Json as JObject ?? throw new Xunit.Sdk.XunitException($"expected a JSON object, got {(int)Status}: {Text}");

    /// <summary>The body, failing the test with it when the status is not <paramref name="expected"/>.</summary>
    public JObject Expect(HttpStatusCode expected)
    {
        Assert.True(Status == expected, $"expected {(int)expected}, got {(int)Status}: {Text}");
        return Json as JObject ?? [];
    }

    /// <summary>The validation errors' (code, path) pairs of a 400 problem.</summary>
    public IReadOnlyList<(string Code, string Path)> ValidationErrors() =>
        [.. (Body["validation-errors"] as JArray ?? []).SelectMany(g => g["errors"]!).Select(e => ((string)e["code"]!, (string)e["path"]!))];
}
