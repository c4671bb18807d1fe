using Docker.DotNet;

namespace Dockward.Agent.Docker;

/// <summary>Engine errors as people read them: the engine's own message and status, not a stack trace.</summary>
internal static class DockerErrors
{
    public static string Describe(Exception e) => e switch
    {
        DockerApiException api => $"Docker engine: {api.ResponseBody?.Trim() ?? api.Message} ({(int)api.StatusCode})",
        _ => e.Message,
    };

    /// <summary>An image or container id as people read it: <c>sha256:0123456789ab</c>.</summary>
    public static string Short(string id) => id.Length > 19 ? id[..19] : id;
}
