using Microsoft.AspNetCore.Mvc;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>What one invocation returned: the HTTP answer (HTTP functions) and the messages for each output queue.</summary>
internal sealed record LocalInvocation(IActionResult? Http, IReadOnlyList<(string Queue, string Text)> Messages);
