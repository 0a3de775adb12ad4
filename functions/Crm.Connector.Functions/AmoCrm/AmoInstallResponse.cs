using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>What the install function returns: the page for the admin's browser and, when installed, the provisioning request.</summary>
public sealed class AmoInstallResponse
{
    [HttpResult]
    public required IActionResult Response { get; init; }

    [QueueOutput(AmoProvisionMessage.Queue)]
    public string[] Provision { get; init; } = [];
}
