using Dockward.Core.Detection.Auth;

namespace Dockward.Core.Tests.Detection;

[Trait("Area", "Detection")]
public sealed class AuthChallengeTests
{
    [Fact]
    public void A_Docker_Hub_challenge_gives_realm_service_and_scope()
    {
        var challenge = AuthChallenge.Parse("""Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull" """);

        challenge.ShouldNotBeNull();
        challenge.IsBearer.ShouldBeTrue();
        challenge.Realm.ShouldBe("https://auth.docker.io/token");
        challenge.Service.ShouldBe("registry.docker.io");
        challenge.Scope.ShouldBe("repository:library/nginx:pull");
    }

    [Fact]
    public void A_comma_inside_a_quoted_scope_stays_in_the_scope()
    {
        var challenge = AuthChallenge.Parse("""Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:team/app:pull,push" """);

        challenge!.Scope.ShouldBe("repository:team/app:pull,push");
        challenge.Service.ShouldBe("ghcr.io");
    }

    [Theory]
    [InlineData("bearer realm=\"https://r.example/token\"")]
    [InlineData("BEARER realm=\"https://r.example/token\"")]
    [InlineData("Bearer  REALM = \"https://r.example/token\" ,  ")]
    [InlineData("Bearer realm=https://r.example/token")]
    public void Scheme_and_parameter_names_are_case_insensitive_and_spacing_is_tolerated(string header)
    {
        var challenge = AuthChallenge.Parse(header);

        challenge.ShouldNotBeNull();
        challenge.IsBearer.ShouldBeTrue();
        challenge.Realm.ShouldBe("https://r.example/token");
    }

    [Fact]
    public void An_escaped_quote_inside_a_quoted_value_is_kept()
    {
        AuthChallenge.Parse("""Basic realm="say \"hi\", please" """)!.Realm.ShouldBe("say \"hi\", please");
    }

    [Fact]
    public void Service_and_scope_may_be_missing()
    {
        var challenge = AuthChallenge.Parse("""Bearer realm="https://quay.io/v2/auth" """);

        challenge.ShouldNotBeNull();
        challenge.Service.ShouldBeNull();
        challenge.Scope.ShouldBeNull();
    }

    [Fact]
    public void A_basic_challenge_is_recognised_as_basic()
    {
        var challenge = AuthChallenge.Parse("""Basic realm="Registry Realm" """);

        challenge.ShouldNotBeNull();
        challenge.IsBasic.ShouldBeTrue();
        challenge.IsBearer.ShouldBeFalse();
        challenge.Realm.ShouldBe("Registry Realm");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("=")]
    [InlineData("Bearer")]
    [InlineData("Bearer service=\"svc\"")]
    [InlineData("Bearer realm")]
    [InlineData("Bearer realm=")]
    [InlineData("Bearer realm=\"https://r.example/token")]
    [InlineData("Bearer realm=\"https://r.example/token\" junk")]
    [InlineData("Bearer =\"x\"")]
    [InlineData("Bearer\"realm=\"x\"")]
    [InlineData("\u0000\u0001 realm=\"x\"")]
    public void Malformed_challenges_give_null_and_never_throw(string? header)
    {
        AuthChallenge.Parse(header).ShouldBeNull();
    }

    [Fact]
    public void A_response_offering_basic_and_bearer_is_answered_with_bearer()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", """Basic realm="r" """);
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", """Bearer realm="https://r.example/token",service="svc" """);

        var challenge = AuthChallenge.From(response);

        challenge!.IsBearer.ShouldBeTrue();
        challenge.Service.ShouldBe("svc");
    }
}
