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

    [Fact]
    public async Task A_tampered_secret_is_named_and_left_while_the_others_move_to_the_new_key_and_the_command_exits_1()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        foreach (var host in new[] { "good.example", "bad.example" })
        {
            using var set = await controlPlane.Admin.PutAsJsonAsync(new Uri($"/api/registries/{host}", UriKind.Relative), new { userName = "robot", password = RegistryPassword });
            set.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var table = new TableClient(controlPlane.ConnectionString, controlPlane.TablePrefix + "registries");
        var bad = (await RowsAsync(table)).Single(r => r.GetString("Host") == "bad.example");
        var cipher = bad.GetString("PasswordCipher").ToCharArray();
        cipher[^2] = cipher[^2] == 'A' ? 'B' : 'A';
        bad["PasswordCipher"] = new string(cipher);
        await table.UpdateEntityAsync(bad, bad.ETag, TableUpdateMode.Replace);

        var newKey = MasterKey.FromMaterial(System.Security.Cryptography.RandomNumberGenerator.GetBytes(MasterKey.Length));
        var environment = ControlPlaneProcess.GoodEnvironment(controlPlane.ConnectionString, controlPlane.TablePrefix);
        environment["DOCKWARD_SECURITY__MASTERKEY"] = Convert.ToBase64String(newKey.Material);
        environment["DOCKWARD_SECURITY__PREVIOUSMASTERKEYS"] = TestSecurity.MasterKey;
        await using var rotate = ServerProcess.Start("dotnet", [RepoPaths.FunctionsDll, "rotate-key"], environment);
        var exitCode = await rotate.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.ShouldBe(1, rotate.Output);
        rotate.Output.ShouldContain("1 registry passwords re-encrypted");
        rotate.ErrorOutput.ShouldContain("bad.example");
        var rows = await RowsAsync(table);
        rows.Single(r => r.GetString("Host") == "good.example").GetString("PasswordCipher").ShouldStartWith($"dw1.{newKey.Id}.");
        rows.Single(r => r.GetString("Host") == "bad.example").GetString("PasswordCipher").ShouldBe(new string(cipher));
        var audit = await SecurityCalls.AuditAsync(controlPlane, "action=security.key_rotation");
        audit.ShouldHaveSingleItem().GetProperty("result").GetString().ShouldBe("failure");
    }

    private static async Task<string> StoredCipherAsync(ControlPlaneProcess controlPlane)
    {
        var rows = await RowsAsync(new TableClient(controlPlane.ConnectionString, controlPlane.TablePrefix + "registries"));
        return rows.ShouldHaveSingleItem().GetString("PasswordCipher").ShouldNotBeNull();
    }

    private static async Task<List<TableEntity>> RowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
