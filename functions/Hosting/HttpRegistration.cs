namespace Dockward.Functions.Hosting;

/// <summary>An HTTP function and its route.</summary>
internal sealed record HttpRegistration(string Method, string Route, Type FunctionType)
{
    public string Name => FunctionType.Name.EndsWith("Function", StringComparison.Ordinal)
        ? FunctionType.Name[..^"Function".Length]
        : FunctionType.Name;
}
