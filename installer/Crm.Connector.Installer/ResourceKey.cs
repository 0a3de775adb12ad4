namespace Crm.Connector.Installer;

/// <summary>
/// A resource's stable name, built from template keys only: <c>pipeline/new-client</c>, <c>stage/new-client/COLLECT</c>,
/// <c>stage/leads/NEW</c>, <c>field/deal/PASSPORT</c>, <c>item/deal/LOSS_REASON/EXPENSIVE</c>, <c>source/WEB</c>,
/// <c>robot/crmc.payments</c>, <c>event/ONCRMDEALUPDATE</c>, <c>automation/lead-new-notify</c>, <c>role/manager</c>, <c>reason/EXPENSIVE</c>, <c>placement/invoice-button</c>. The ledger maps it to a
/// portal id.
/// </summary>
public sealed record ResourceKey(ResourceKind Kind, string Path)
{
    public static ResourceKey Pipeline(string pipeline) => new(ResourceKind.Pipeline, pipeline);

    public static ResourceKey Stage(string flow, string code) => new(ResourceKind.Stage, $"{flow}/{code}");

    public static ResourceKey Field(string entity, string code) => new(ResourceKind.Field, $"{entity}/{code}");

    public static ResourceKey Item(string entity, string field, string code) => new(ResourceKind.ListItem, $"{entity}/{field}/{code}");

    public static ResourceKey Source(string code) => new(ResourceKind.Source, code);

    public static ResourceKey Robot(string code) => new(ResourceKind.Robot, code);

    public static ResourceKey Event(string name, string handler) => new(ResourceKind.EventBinding, $"{name}|{handler}");

    public static ResourceKey Automation(string key) => new(ResourceKind.Automation, key);

    public static ResourceKey Role(string key) => new(ResourceKind.Role, key);

    public static ResourceKey LossReason(string code) => new(ResourceKind.LossReason, code);

    public static ResourceKey Placement(string key) => new(ResourceKind.Placement, key);

    /// <summary>Parses <see cref="ToString"/>'s form.</summary>
    public static ResourceKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !Enum.TryParse<ResourceKind>(Kinds.Name(text[..slash]), out var kind))
        {
            throw new FormatException($"'{text}' is not a resource key.");
        }

        return new ResourceKey(kind, text[(slash + 1)..]);
    }

    public override string ToString() => $"{Kinds.Prefix(Kind)}/{Path}";

    private static class Kinds
    {
        public static string Prefix(ResourceKind kind) => kind switch
        {
            ResourceKind.ListItem => "item",
            ResourceKind.EventBinding => "event",
            ResourceKind.LossReason => "reason",
            _ => kind.ToString().ToLowerInvariant(),
        };

        public static string Name(string prefix) => prefix switch
        {
            "item" => nameof(ResourceKind.ListItem),
            "event" => nameof(ResourceKind.EventBinding),
            "reason" => nameof(ResourceKind.LossReason),
            _ => char.ToUpperInvariant(prefix[0]) + prefix[1..],
        };
    }
}
