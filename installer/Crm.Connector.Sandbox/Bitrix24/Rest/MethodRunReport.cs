using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Rest;

/// <summary>A method that ran, before it becomes a <see cref="SandboxMethodRun"/> for the test hooks (copied only if anyone listens).</summary>
internal sealed record MethodRunReport(string Method, string? BatchKey, JObject Parameters, MethodResult? Result, RestException? Error);
