using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dockward.Core.Policies;

namespace Dockward.Functions.Containers;

/// <summary>
/// How the container routes write JSON: camelCase, nulls written (a list row always has every field), except in the
/// effective policy's settings, which leave undecided ones out exactly as <c>GET …/policy</c> does.
/// </summary>
internal static class ContainerJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutUndecidedPolicySettings } },
    };

    private static void LeaveOutUndecidedPolicySettings(JsonTypeInfo type)
    {
        if (type.Type != typeof(PolicySettings))
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            property.ShouldSerialize = static (_, value) => value is not null;
        }
    }
}
