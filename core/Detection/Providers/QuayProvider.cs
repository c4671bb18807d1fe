namespace Dockward.Core.Detection.Providers;

/// <summary>
/// Quay.io. Challenges with <c>Bearer realm="https://quay.io/v2/auth",service="quay.io"</c> on its own host;
/// robot accounts (<c>org+robot</c>) with their token are the usual credentials.
/// </summary>
internal sealed class QuayProvider : IRegistryProvider
{
    public string Name => "quay";

    public bool Recognizes(string host) => host == "quay.io";
}
