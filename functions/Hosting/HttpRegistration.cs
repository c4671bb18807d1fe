using Dockward.Functions.Security;

namespace Dockward.Functions.Hosting;

/// <summary>An HTTP function, its route and who may call it.</summary>
internal sealed record HttpRegistration(string Method, string Route, Access Access, Type FunctionType)
{
    public string Name => FunctionType.Name.EndsWith("Function", StringComparison.Ordinal)
        ? FunctionType.Name[..^"Function".Length]
        : FunctionType.Name;
}
