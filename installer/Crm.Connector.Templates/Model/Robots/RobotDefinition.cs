using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Robots;

/// <summary>
/// An app robot registered in Bitrix24 (<c>bizproc.robot.add</c>) so admins can drop one of our business processes
/// into their own automation; when it runs, the app runs <see cref="Process"/> and returns <see cref="Returns"/>.
/// </summary>
public sealed record RobotDefinition
{
    /// <summary>Unique within the app: <c>A-Za-z0-9._-</c>.</summary>
    [JsonRequired]
    public string Code { get; init; } = string.Empty;

    [JsonRequired]
    public LocalizedText Name { get; init; } = LocalizedText.Plain(string.Empty);

    public LocalizedText? Description { get; init; }

    /// <summary>Entities whose automation may use the robot (lead and/or deal).</summary>
    [JsonRequired]
    public IReadOnlyList<CrmEntity> Entities { get; init; } = [];

    [JsonRequired]
    public string Process { get; init; } = string.Empty;

    public IReadOnlyList<RobotProperty> Properties { get; init; } = [];

    public IReadOnlyList<RobotProperty> Returns { get; init; } = [];

    public string? RequiresPlan { get; init; }

    /// <summary>Where an admin adds it to the stages' robots (REST cannot); null when nothing needs it there.</summary>
    public RobotPlacement? Placement { get; init; }
}
