using Crm.Connector.Bitrix24.Transport;

namespace Crm.Connector.Bitrix24.Services.Bizproc;

/// <summary>The <c>bizproc.*</c> methods the product uses.</summary>
public sealed class BizprocServices(Bitrix24Requestor requestor)
{
    public RobotService Robots { get; } = new(requestor);

    public BizprocEventService Events { get; } = new(requestor);
}
