namespace Dockward.Core.Detection.Images;

/// <summary>One body a registry sent (a manifest or a blob) with its Content-Type, or why there is none.</summary>
internal sealed record RegistryAnswer(byte[]? Body, string? MediaType, string? Error)
{
    public static RegistryAnswer Found(byte[] body, string? mediaType) => new(body, mediaType, null);

    public static RegistryAnswer Failed(string error) => new(null, null, error);
}
