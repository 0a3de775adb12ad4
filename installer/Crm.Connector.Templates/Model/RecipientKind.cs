namespace Crm.Connector.Templates.Model;

/// <summary>Who an action addresses.</summary>
public enum RecipientKind
{
    /// <summary>The item's responsible user.</summary>
    Responsible,

    /// <summary>The head of the responsible user's department, or the user set in the installation settings.</summary>
    Supervisor,

    /// <summary>The user mapped to a template <see cref="Position"/>.</summary>
    Position,

    /// <summary>The user held in a <c>user</c> field of the item.</summary>
    Field,

    /// <summary>The item's contact (e-mail only).</summary>
    Contact,
}
