namespace Crm.Connector.Benchmarks.Scale;

/// <summary>
/// The effects a run's deals ended with, counted in the portal (not in the app's own books): what the customer sees.
/// Added up over portals with <see cref="op_Addition"/>.
/// </summary>
internal sealed record DealCount
{
    /// <summary>Deals the run created.</summary>
    public int Deals { get; init; }

    /// <summary>«Собрать первичные сведения» tasks bound to them.</summary>
    public int Tasks { get; init; }

    /// <summary>Deals with more than one such task: an effect done twice.</summary>
    public int Duplicated { get; init; }

    /// <summary>Deals with no task.</summary>
    public int WithoutTask { get; init; }

    /// <summary>Deals whose admission is not the one their last scores give (not written, or a stale value).</summary>
    public int WrongAdmission { get; init; }

    /// <summary>Deals missing an effect: no task, or not the admission they must have.</summary>
    public int Missing { get; init; }

    /// <summary>Every deal has its task once and its right admission.</summary>
    public bool ExactlyOnce => Duplicated == 0 && Missing == 0;

    public static DealCount operator +(DealCount left, DealCount right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new DealCount
        {
            Deals = left.Deals + right.Deals,
            Tasks = left.Tasks + right.Tasks,
            Duplicated = left.Duplicated + right.Duplicated,
            WithoutTask = left.WithoutTask + right.WithoutTask,
            WrongAdmission = left.WrongAdmission + right.WrongAdmission,
            Missing = left.Missing + right.Missing,
        };
    }

    /// <summary>CA2225's named alternative to the operator.</summary>
    public static DealCount Add(DealCount left, DealCount right) => left + right;
}
