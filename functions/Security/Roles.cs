using Dockward.Core.Security;

namespace Dockward.Functions.Security;

/// <summary>Roles as the API spells them: <c>viewer</c>, <c>operator</c>, <c>admin</c>.</summary>
internal static class Roles
{
    public static bool TryParse(string? value, out Role role)
    {
        role = default;
        return value is "viewer" or "operator" or "admin" && Enum.TryParse(value, ignoreCase: true, out role);
    }

    public const string Expected = "role must be one of viewer, operator, admin.";
}
