using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Security;

[Collection(ServersCollection.Name)]
[Trait("Area", "Security")]
public sealed class LoginThrottlingTests(Servers servers)
{
    private const string WrongPassword = "not the password at all";

    [Fact]
    public async Task After_five_wrong_passwords_even_the_right_one_gets_429_with_retry_after()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var user = await SecurityCalls.CreateUserAsync(controlPlane, "viewer");

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SecurityCalls.TokenAsync(controlPlane.Http, user.UserName, WrongPassword);
            await ProblemJson.ReadAsync(wrong, HttpStatusCode.Unauthorized);
        }

        using var right = await SecurityCalls.TokenAsync(controlPlane.Http, user.UserName, user.Password);

        await ProblemJson.ReadAsync(right, (HttpStatusCode)429);
        right.Headers.RetryAfter.ShouldNotBeNull();
        right.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public async Task An_unknown_user_name_gets_the_same_401_as_a_wrong_password_and_429_after_five()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var user = await SecurityCalls.CreateUserAsync(controlPlane, "viewer");
        using var wrongPassword = await SecurityCalls.TokenAsync(controlPlane.Http, user.UserName, WrongPassword);
        var wrongPasswordProblem = await ProblemJson.ReadAsync(wrongPassword, HttpStatusCode.Unauthorized);

        var unknown = Servers.UniqueName("nobody-");
        for (var i = 0; i < 5; i++)
        {
            using var response = await SecurityCalls.TokenAsync(controlPlane.Http, unknown, WrongPassword);
            var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.Unauthorized);
            problem.GetProperty("detail").GetString().ShouldBe(wrongPasswordProblem.GetProperty("detail").GetString());
            problem.GetProperty("title").GetString().ShouldBe(wrongPasswordProblem.GetProperty("title").GetString());
        }

        using var sixth = await SecurityCalls.TokenAsync(controlPlane.Http, unknown, WrongPassword);

        await ProblemJson.ReadAsync(sixth, (HttpStatusCode)429);
        sixth.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task An_admin_unlocking_a_locked_user_lets_them_sign_in_again()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var user = await SecurityCalls.CreateUserAsync(controlPlane, "operator");
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SecurityCalls.TokenAsync(controlPlane.Http, user.UserName, WrongPassword);
        }

        using (var locked = await SecurityCalls.TokenAsync(controlPlane.Http, user.UserName, user.Password))
        {
            locked.StatusCode.ShouldBe((HttpStatusCode)429);
        }

        using var unlock = await controlPlane.Admin.PostAsync(new Uri($"/api/users/{user.Id}/unlock", UriKind.Relative), null);
        unlock.IsSuccessStatusCode.ShouldBeTrue(await unlock.Content.ReadAsStringAsync());
        using var signIn = await SecurityCalls.TokenAsync(controlPlane.Http, user.UserName, user.Password);

        signIn.StatusCode.ShouldBe(HttpStatusCode.OK, await signIn.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Failed_and_refused_logins_are_audited_with_the_callers_address()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var user = await SecurityCalls.CreateUserAsync(controlPlane, "viewer");
        for (var i = 0; i < 6; i++)
        {
            using var wrong = await SecurityCalls.TokenAsync(controlPlane.Http, user.UserName, WrongPassword);
        }

        var failures = await SecurityCalls.AuditAsync(controlPlane, $"action=auth.login&result=failure&target={user.UserName}");
        var denials = await SecurityCalls.AuditAsync(controlPlane, $"action=auth.login&result=denied&target={user.UserName}");

        failures.Count.ShouldBe(5, JsonSerializer.Serialize(failures));
        denials.Count.ShouldBe(1, JsonSerializer.Serialize(denials));
        failures.Concat(denials).ShouldAllBe(e => e.GetProperty("address").GetString() == "127.0.0.1");
    }

    [Fact]
    public async Task Guesses_sent_in_parallel_get_no_more_than_five_password_checks_before_the_lock()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var user = await SecurityCalls.CreateUserAsync(controlPlane, "viewer");

        var answers = await Task.WhenAll(Enumerable.Range(0, 15).Select(async _ =>
        {
            using var response = await SecurityCalls.TokenAsync(controlPlane.Http, user.UserName, WrongPassword);
            return (int)response.StatusCode;
        }));
        using var right = await SecurityCalls.TokenAsync(controlPlane.Http, user.UserName, user.Password);

        answers.Count(status => status == 401).ShouldBeLessThanOrEqualTo(5, string.Join(",", answers));
        answers.ShouldAllBe(status => status == 401 || status == 429);
        ((int)right.StatusCode).ShouldBe(429);
    }

    [Fact]
    public async Task An_api_token_cannot_change_its_owners_password_and_wrong_current_passwords_lock_the_account()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var user = await SecurityCalls.CreateUserAsync(controlPlane, "operator");
        var session = (await SecurityCalls.SignInAsync(controlPlane.Http, user.UserName, user.Password)).GetProperty("accessToken").GetString();
        using var created = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Post, "/api/tokens", session, new { name = "ci", role = "viewer" });
        var apiToken = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        using var byToken = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Post, "/api/auth/password", apiToken,
            new { currentPassword = user.Password, newPassword = "silver canyon ledger 58" });
        var guesses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            using var guess = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Post, "/api/auth/password", session,
                new { currentPassword = WrongPassword + i, newPassword = "silver canyon ledger 58" });
            guesses.Add((int)guess.StatusCode);
        }

        byToken.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        guesses.ShouldAllBe(status => status == 403);
        using var signIn = await SecurityCalls.TokenAsync(controlPlane.Http, user.UserName, user.Password);
        ((int)signIn.StatusCode).ShouldBe(429, "five wrong current passwords lock the account like five wrong logins");
    }
}
