using System.Text.Json;
using Docker.DotNet;

namespace Dockward.Agent.Docker;

/// <summary>Engine errors as people read them: the engine's own message and status, not a stack trace.</summary>
internal static class DockerErrors
{
    public static string Describe(Exception e) => e switch
    {
        DockerApiException api => $"Docker engine: {EngineMessage(api.ResponseBody) ?? api.Message} ({(int)api.StatusCode})",
        _ => e.Message,
    };

    /// <summary>The <c>message</c> of the engine's JSON error body (<c>{"message":"…"}</c>), or the body as it is.</summary>
    private static string? EngineMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString();
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, an old engine): shown as it came.
        }

        return body.Trim();
    }

    /// <summary>An image or container id as people read it: <c>sha256:0123456789ab</c>.</summary>
    public static string Short(string id) => id.Length > 19 ? id[..19] : id;
}
