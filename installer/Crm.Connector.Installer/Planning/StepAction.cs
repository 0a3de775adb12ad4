namespace Crm.Connector.Installer.Planning;

/// <summary>What applying a plan does to one resource.</summary>
public enum StepAction
{
    /// <summary>It does not exist: create it.</summary>
    Create,

    /// <summary>It is ours and differs: change it.</summary>
    Update,

    /// <summary>It exists as the template wants it: nothing to do.</summary>
    Unchanged,

    /// <summary>It exists, was not created by the app, and <c>--adopt</c> lets us take it over and change it.</summary>
    Adopt,

    /// <summary>It exists, was not created by the app and differs (or cannot be matched safely): left alone, reported.</summary>
    Conflict,

    /// <summary>The portal's plan (or the connection) does not include it.</summary>
    Skipped,

    /// <summary>Nothing is written: the app runs it from CRM events and timers.</summary>
    RunByApp,

    /// <summary>It is ours and no longer in the template, and <c>--allow-destroy</c> allows removing it.</summary>
    Delete,

    /// <summary>It would be removed, but removing needs consent (<c>--allow-destroy</c>): kept.</summary>
    Keep,
}
