using Dockward.Core.Audit;
using Dockward.Core.Security.Secrets;

namespace Dockward.Functions.Security;

/// <summary>
/// Master-key commands: <c>generate-key</c> prints a new key; <c>rotate-key</c> re-encrypts every stored secret
/// under the current key (run it after making the new key current and listing the old one as previous).
/// </summary>
internal static class KeyCommands
{
    public static int Generate()
    {
        Console.WriteLine(MasterKeyRing.Generate());
        return 0;
    }

    public static async Task<int> RotateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var keys = services.GetRequiredService<MasterKeyRing>();
        var report = await services.GetRequiredService<KeyRotation>().RunAsync(new Actor($"command:rotate-key@{Environment.MachineName}", null), cancellationToken);
        foreach (var rotation in report)
        {
            Console.WriteLine($"{rotation.Reencrypted} {rotation.Holder} re-encrypted");
            foreach (var unreadable in rotation.Unreadable)
            {
                Console.Error.WriteLine($"cannot decrypt {rotation.Holder} of {unreadable}: set it again, or list the key it was made with in Security:PreviousMasterKeys");
            }
        }

        if (report.Any(r => r.Unreadable.Count > 0))
        {
            return 1;
        }

        Console.WriteLine($"Every stored secret is now under key {keys.Current.Id}; previous keys may be removed from Security:PreviousMasterKeys once every instance runs with this key.");
        return 0;
    }
}
