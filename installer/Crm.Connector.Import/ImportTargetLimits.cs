namespace Crm.Connector.Import;

/// <summary>Items per request for each kind of call (Bitrix24: batch of 50 commands × the method's own limit).</summary>
public sealed record ImportTargetLimits
{
    public int KeysPerRequest { get; init; } = 2_500;

    public int PhonesPerRequest { get; init; } = 1_000;

    public int ItemsPerRequest { get; init; } = 1_000;

    public int UpdatesPerRequest { get; init; } = 50;

    public int CommentsPerRequest { get; init; } = 50;
}
