using Dockward.Testing;

namespace Dockward.EndToEnd.Tests;

/// <summary>Tests that use the real servers share one set, started once for this assembly.</summary>
[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<Servers>
{
    public const string Name = "servers";
}
