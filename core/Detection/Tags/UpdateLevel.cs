namespace Dockward.Core.Detection.Tags;

/// <summary>How far a newer tag may move from the current one.</summary>
internal enum UpdateLevel
{
    /// <summary>Same major and minor: <c>1.2.3</c> → <c>1.2.9</c>.</summary>
    Patch,

    /// <summary>Same major: <c>1.2.3</c> → <c>1.9.0</c>.</summary>
    Minor,

    /// <summary>Any newer version: <c>1.2.3</c> → <c>4.0.0</c>.</summary>
    Major,
}
