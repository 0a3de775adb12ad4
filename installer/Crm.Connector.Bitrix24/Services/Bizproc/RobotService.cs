using Crm.Connector.Bitrix24.Requests;
using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Services.Bizproc;

/// <summary><c>bizproc.robot.*</c>: the app's robots (app context and an admin only; bitrix24-rest.md §5).</summary>
public sealed class RobotService(Bitrix24Requestor requestor)
{
    /// <summary><c>bizproc.robot.add</c>. An existing code answers ERROR_ACTIVITY_ALREADY_INSTALLED: update it instead.</summary>
    public async Task AddAsync(RobotAddRequest request, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync("bizproc.robot.add", Bitrix24Json.From(request), cancellationToken);

    /// <summary><c>bizproc.robot.update</c>.</summary>
    public async Task UpdateAsync(RobotAddRequest request, CancellationToken cancellationToken = default)
    {
        var fields = Bitrix24Json.From(request);
        fields.Remove("CODE");
        await requestor.CallAsync("bizproc.robot.update", new JObject { ["CODE"] = request.Code, ["FIELDS"] = fields }, cancellationToken);
    }

    /// <summary><c>bizproc.robot.delete</c>.</summary>
    public async Task DeleteAsync(string code, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync("bizproc.robot.delete", new JObject { ["CODE"] = code }, cancellationToken);

    /// <summary><c>bizproc.robot.list</c>: codes of this app's robots.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) =>
        Bitrix24Json.To<List<string>>((await requestor.CallAsync("bizproc.robot.list", null, cancellationToken)).Result);
}
