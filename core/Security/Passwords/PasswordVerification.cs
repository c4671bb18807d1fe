namespace Dockward.Core.Security.Passwords;

/// <summary>What checking a password against its stored hash found.</summary>
internal enum PasswordVerification
{
    /// <summary>Wrong password, or the stored hash is unusable.</summary>
    Failed,

    /// <summary>The password matches.</summary>
    Succeeded,

    /// <summary>The password matches, but the hash was made with weaker settings than today's: store a new <see cref="PasswordHasher.Hash"/>.</summary>
    SucceededRehashNeeded,
}
