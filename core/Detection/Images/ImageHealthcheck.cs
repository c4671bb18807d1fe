namespace Dockward.Core.Detection.Images;

/// <summary>
/// An image's HEALTHCHECK as its config holds it. <see cref="Test"/> is <c>["NONE"]</c> when the image turns an
/// inherited check off, <c>["CMD", …]</c> or <c>["CMD-SHELL", "…"]</c> otherwise; a null duration or retry count is
/// the engine's default.
/// </summary>
internal sealed record ImageHealthcheck(
    IReadOnlyList<string> Test, TimeSpan? Interval, TimeSpan? Timeout, TimeSpan? StartPeriod, TimeSpan? StartInterval, int? Retries);
