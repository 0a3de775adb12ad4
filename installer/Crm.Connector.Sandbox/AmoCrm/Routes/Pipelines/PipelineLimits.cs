namespace Crm.Connector.Sandbox.AmoCrm.Routes.Pipelines;

/// <summary>§3: at most 50 pipelines per account and 100 statuses per pipeline, system statuses included.</summary>
internal static class PipelineLimits
{
    public const int Pipelines = 50;
    public const int StatusesPerPipeline = 100;
}
