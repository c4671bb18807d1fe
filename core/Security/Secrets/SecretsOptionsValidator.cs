using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Security.Secrets;

/// <summary>
/// Checks the master keys before anything is encrypted, so a bad setting stops start-up with the key's name instead of
/// surfacing later as unreadable secrets. Messages name settings and lines, never key material.
/// </summary>
internal sealed class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
    private const string KeySetting = "Security:MasterKey (env DOCKWARD_SECURITY__MASTERKEY)";
    private const string FileSetting = "Security:MasterKeyFile (env DOCKWARD_SECURITY__MASTERKEYFILE)";
    private const string PreviousSetting = "Security:PreviousMasterKeys (env DOCKWARD_SECURITY__PREVIOUSMASTERKEYS)";
    private const string WhatAKeyIs = "32 random bytes in base64; create one with 'dotnet Dockward.Functions.dll generate-key'.";

    public ValidateOptionsResult Validate(string? name, SecretsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var hasKey = !string.IsNullOrWhiteSpace(options.MasterKey);
        var hasFile = !string.IsNullOrWhiteSpace(options.MasterKeyFile);
        byte[]? current = null;
        if (hasKey && hasFile)
        {
            errors.Add($"{KeySetting} and {FileSetting} are both set: set only one of them.");
        }
        else if (hasKey)
        {
            current = Decode(options.MasterKey, KeySetting, errors);
        }
        else if (hasFile)
        {
            current = CheckFile(options.MasterKeyFile, errors);
        }
        else
        {
            errors.Add($"Security:MasterKey is required (env DOCKWARD_SECURITY__MASTERKEY, or Security:MasterKeyFile): {WhatAKeyIs}");
        }

        var entries = options.PreviousMasterKeyEntries();
        for (var i = 0; i < entries.Count; i++)
        {
            CheckPrevious(entries[i], $"{PreviousSetting} entry {i + 1}", current, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The current key the file holds, after checking every key line; null when there is none to use.</summary>
    private static byte[]? CheckFile(string path, List<string> errors)
    {
        IReadOnlyList<(int LineNumber, string Text)> lines;
        try
        {
            if (!File.Exists(path))
            {
                errors.Add(Directory.Exists(path)
                    ? $"{FileSetting} names '{path}', which is a folder: it must name a file whose first key line is the current key."
                    : $"{FileSetting} names '{path}', which does not exist.");
                return null;
            }

            lines = MasterKeyFile.ReadKeyLines(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{FileSetting} names '{path}', which cannot be read: {exception.Message}");
            return null;
        }

        if (lines.Count == 0)
        {
            errors.Add($"{FileSetting} names '{path}', which holds no key: its first line that is neither empty nor a # comment must be the current key, {WhatAKeyIs}");
            return null;
        }

        var current = Decode(lines[0].Text, $"{FileSetting} line {lines[0].LineNumber}", errors);
        foreach (var (lineNumber, text) in lines.Skip(1))
        {
            CheckPrevious(text, $"{FileSetting} line {lineNumber}", current, errors);
        }

        return current;
    }

    private static void CheckPrevious(string text, string subject, byte[]? current, List<string> errors)
    {
        var previous = Decode(text, subject, errors);
        if (previous is not null && current is not null && CryptographicOperations.FixedTimeEquals(previous, current))
        {
            // Almost always a rotation half done: the new key was added but the current one not replaced.
            errors.Add($"{subject} is the current key again: previous keys are the ones that were current before a rotation.");
        }
    }

    /// <summary>The key bytes, or null after adding why <paramref name="text"/> is not a key.</summary>
    private static byte[]? Decode(string text, string subject, List<string> errors)
    {
        // Base64 never decodes to more bytes than it has characters.
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var written))
        {
            errors.Add($"{subject} is not base64: a key is {WhatAKeyIs}");
            return null;
        }

        if (written != MasterKey.Length)
        {
            errors.Add($"{subject} is {written} bytes long, not {MasterKey.Length}: a key is {WhatAKeyIs}");
            return null;
        }

        return buffer[..written];
    }
}
