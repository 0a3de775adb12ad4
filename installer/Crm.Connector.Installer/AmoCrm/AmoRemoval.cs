using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Errors;

namespace Crm.Connector.Installer.AmoCrm;

/// <summary>Deletes one object the app created on an amoCRM account; a refusal is an outcome (kept, with amoCRM's words).</summary>
internal static class AmoRemoval
{
    public static async Task<(bool Removed, string? Reason)> RemoveAsync(AmoCrmClient client, ResourceKey key, string portalId, CancellationToken cancellationToken)
    {
        if (portalId.Length == 0)
        {
            return (false, "its id was never recorded");
        }

        try
        {
            switch (key.Kind)
            {
                case ResourceKind.Pipeline:
                    // amoCRM refuses to delete a pipeline that holds leads (or the account's last one): kept, with its words.
                    await client.Pipelines.DeleteAsync(AmoCrmNames.Id(portalId), cancellationToken);
                    return (true, null);
                case ResourceKind.Stage:
                    var (pipeline, status) = AmoCrmNames.ParseStageId(portalId);
                    if (status is AmoCrmNames.Won or AmoCrmNames.Lost)
                    {
                        return (false, "amoCRM's own outcome stage: it goes only with its pipeline");
                    }

                    await client.Statuses.DeleteAsync(pipeline, status, cancellationToken);
                    return (true, null);
                case ResourceKind.Field when AmoData.EntityOf(key) is { } entity:
                    await client.CustomFields.DeleteAsync(entity, AmoCrmNames.Id(portalId), cancellationToken);
                    return (true, null);
                case ResourceKind.LossReason:
                    await client.LossReasons.DeleteAsync(AmoCrmNames.Id(portalId), cancellationToken);
                    return (true, null);
                case ResourceKind.Role:
                    await client.Roles.DeleteAsync(AmoCrmNames.Id(portalId), cancellationToken);
                    return (true, null);
                default:
                    return (false, "nothing of this kind is removed on amoCRM");
            }
        }
        catch (AmoCrmNotFoundException)
        {
            // Already gone (deleted by hand): what was wanted is true.
            return (true, null);
        }
        catch (AmoCrmException e) when (e is not (AmoCrmAccountBlockedException or AmoCrmPaymentRequiredException or AmoCrmAuthenticationException or AmoCrmReinstallRequiredException or AmoCrmTransportException))
        {
            return (false, e.Message);
        }
    }
}
