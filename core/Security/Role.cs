namespace Dockward.Core.Security;

/// <summary>What a user (or a token acting for one) may do; each role includes the ones below it.</summary>
internal enum Role
{
    /// <summary>Reads container state, checks, jobs and hosts.</summary>
    Viewer = 1,

    /// <summary>Also manages containers, updates and update policies.</summary>
    Operator = 2,

    /// <summary>Also system settings, registries, agents and users.</summary>
    Admin = 3,
}
