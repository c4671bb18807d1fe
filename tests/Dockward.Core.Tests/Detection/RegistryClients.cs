using Dockward.Core.Audit;
using Dockward.Core.Detection;
using Dockward.Core.Registries;
using Dockward.Core.Security.Secrets;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection;

/// <summary>A <see cref="RegistryClient"/> wired as the control plane wires it: settings first, then credentials stored encrypted in the test's tables.</summary>
internal static class RegistryClients
{
    public static SecretProtector Protector { get; } = new(MasterKeyRing.From(new SecretsOptions { MasterKey = TestSecurity.MasterKey }));

    public static RegistryCredentials Credentials(TableStorage storage, IOptions<DetectionOptions> options) =>
        new(new TableRegistryStore(storage), Protector, options,
            new AuditTrail(new TableAuditLog(storage), TimeProvider.System, NullLogger<AuditTrail>.Instance), TimeProvider.System);

    public static RegistryClient Create(HttpClient http, TableStorage storage, IOptions<DetectionOptions> options) =>
        new(http, Credentials(storage, options), options);
}
