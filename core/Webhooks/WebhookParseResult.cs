using Dockward.Core.Detection;

namespace Dockward.Core.Webhooks;

/// <summary>What a delivery asks for: repositories to check, or nothing (ignored, with why), or a malformed payload (with why).</summary>
internal sealed record WebhookParseResult
{
    private WebhookParseResult(IReadOnlyList<ImageReference> repositories, string? ignored, string? error)
    {
        Repositories = repositories;
        Ignored = ignored;
        Error = error;
    }

    /// <summary>Repositories pushed to (tag or digest not significant: the check looks at every container of each).</summary>
    public IReadOnlyList<ImageReference> Repositories { get; }

    /// <summary>Why a well-formed delivery asks for no check (a pull, a delete, a ping, a push without a tag).</summary>
    public string? Ignored { get; }

    /// <summary>Why the payload cannot be read (missing field, wrong type, invalid image name).</summary>
    public string? Error { get; }

    public static WebhookParseResult Push(IReadOnlyList<ImageReference> repositories) =>
        repositories.Count == 0 ? throw new ArgumentException("A push names at least one repository.", nameof(repositories)) : new(repositories, null, null);

    public static WebhookParseResult Push(ImageReference repository) => new([repository], null, null);

    public static WebhookParseResult Ignore(string reason) => new([], reason, null);

    public static WebhookParseResult Invalid(string error) => new([], null, error);
}
