using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Dockward.Core.Security.Secrets;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Security;

[Collection(ServersCollection.Name)]
[Trait("Area", "Security")]
public sealed class KeyRotationTests(Servers servers)
{
    private const string RegistryPassword = "registry-secret-4711";

    [Fact]
    public async Task Registry_passwords_are_never_listed_and_rotate_key_re_encrypts_them_under_the_new_key_and_audits_it()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        using var set = await controlPlane.Admin.PutAsJsonAsync(new Uri("/api/registries/registry.example:5000", UriKind.Relative), new { userName = "robot", password = RegistryPassword });
        var setBody = await set.Content.ReadAsStringAsync();
        set.StatusCode.ShouldBe(HttpStatusCode.OK, setBody);
        setBody.ShouldNotContain(RegistryPassword);
        using var list = await controlPlane.Admin.GetAsync(new Uri("/api/registries", UriKind.Relative));
        var listBody = await list.Content.ReadAsStringAsync();
        list.StatusCode.ShouldBe(HttpStatusCode.OK, listBody);
        listBody.ShouldContain("registry.example:5000");
        listBody.ShouldNotContain(RegistryPassword);
        listBody.ShouldNotContain("dw1.");
        (await StoredCipherAsync(controlPlane)).ShouldStartWith($"dw1.{MasterKey.FromBase64(TestSecurity.MasterKey).Id}.");

        var newKey = MasterKey.FromMaterial(System.Security.Cryptography.RandomNumberGenerator.GetBytes(MasterKey.Length));
        var environment = ControlPlaneProcess.GoodEnvironment(controlPlane.ConnectionString, controlPlane.TablePrefix);
        environment["DOCKWARD_SECURITY__MASTERKEY"] = Convert.ToBase64String(newKey.Material);
        environment["DOCKWARD_SECURITY__PREVIOUSMASTERKEYS"] = TestSecurity.MasterKey;
        await using var rotate = ServerProcess.Start("dotnet", [RepoPaths.FunctionsDll, "rotate-key"], environment);
        var exitCode = await rotate.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.ShouldBe(0, rotate.Output);
        rotate.Output.ShouldContain("1 registry passwords re-encrypted");
        rotate.Output.ShouldNotContain(RegistryPassword);
        (await StoredCipherAsync(controlPlane)).ShouldStartWith($"dw1.{newKey.Id}.");
        (await SecurityCalls.AuditAsync(controlPlane, "action=security.key_rotation")).ShouldNotBeEmpty();
    }

    private static async Task<string> StoredCipherAsync(ControlPlaneProcess controlPlane)
    {
        var table = new TableClient(controlPlane.ConnectionString, controlPlane.TablePrefix + "registries");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows.ShouldHaveSingleItem().GetString("PasswordCipher").ShouldNotBeNull();
    }
}
