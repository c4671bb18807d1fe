using Dockward.Core.Detection;
using Dockward.Core.Detection.Auth;
using Dockward.Core.Detection.Providers;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection.Providers;

/// <summary>
/// Each hosted registry's documented challenge and token answer, replayed (none of them is reachable here):
/// the token request goes to the provider's realm with its service and scope, the credentials go only where
/// the provider (or the settings) allow, and the check gets the digest.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class ReplayedProviderChallengeTests(Servers servers) : IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Fact]
    public async Task Docker_Hub_nginx_is_asked_on_registry_1_with_a_token_from_auth_docker_io()
    {
        // Challenge and token answer as in the Docker token spec (distribution.github.io/distribution/spec/auth/token/)
        // and Docker's "Pull usage and limits" page, which fetches auth.docker.io/token?service=registry.docker.io&scope=repository:…:pull.
        using var hub = new ReplayedRegistry
        {
            Challenge = """Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:{repository}:pull" """,
            Realm = new Uri("https://auth.docker.io/token"),
            TokenAnswer = """{"token":"replayed-token","access_token":"replayed-token","expires_in":300,"issued_at":"2026-11-01T12:00:00Z"}""",
        };

        var lookup = await Check(hub, "nginx", new RegistryCredential { Host = "docker.io", Username = "alice", Password = "dckr_pat_x" });

        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
        hub.RegistryRequests.First().Uri.ShouldBe(new Uri("https://registry-1.docker.io/v2/library/nginx/manifests/latest"));
        hub.RegistryRequests.ShouldAllBe(r => r.Method == HttpMethod.Head);
        var token = hub.TokenRequests.ShouldHaveSingleItem();
        token.Query("service").ShouldBe("registry.docker.io");
        token.Query("scope").ShouldBe("repository:library/nginx:pull");
        token.BasicCredentials.ShouldBe("alice:dckr_pat_x");
    }

    [Fact]
    public async Task GHCR_gets_the_personal_access_token_on_its_own_token_endpoint()
    {
        // ghcr.io's challenge as docker, oras and skopeo record it: Bearer realm="https://ghcr.io/token",service="ghcr.io",scope=…
        // (GitHub docs, "Working with the Container registry": a PAT with read:packages is the password).
        using var ghcr = new ReplayedRegistry
        {
            Challenge = """Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:{repository}:pull" """,
            Realm = new Uri("https://ghcr.io/token"),
            TokenAnswer = """{"token":"replayed-token"}""",
        };

        var lookup = await Check(ghcr, "ghcr.io/octo-org/app:1.2", new RegistryCredential { Host = "ghcr.io", Username = "octocat", Password = "ghp_x" });

        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
        var token = ghcr.TokenRequests.ShouldHaveSingleItem();
        token.Query("service").ShouldBe("ghcr.io");
        token.Query("scope").ShouldBe("repository:octo-org/app:pull");
        token.BasicCredentials.ShouldBe("octocat:ghp_x");
    }

    [Fact]
    public async Task GHCR_public_images_get_an_anonymous_token()
    {
        using var ghcr = new ReplayedRegistry
        {
            Challenge = """Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:{repository}:pull" """,
            Realm = new Uri("https://ghcr.io/token"),
            TokenAnswer = """{"token":"replayed-token"}""",
        };

        var lookup = await Check(ghcr, "ghcr.io/octo-org/public:1.2", null);

        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
        ghcr.TokenRequests.ShouldHaveSingleItem().Authorization.ShouldBeNull();
    }

    [Fact]
    public async Task Quay_robot_credentials_go_to_quay_io_v2_auth()
    {
        // Quay's challenge: Bearer realm="https://quay.io/v2/auth",service="quay.io" (Red Hat Quay docs, "Docker
        // Registry v2 authentication"; robot accounts log in as org+name with their token).
        using var quay = new ReplayedRegistry
        {
            Challenge = """Bearer realm="https://quay.io/v2/auth",service="quay.io",scope="repository:{repository}:pull" """,
            Realm = new Uri("https://quay.io/v2/auth"),
            TokenAnswer = """{"token":"replayed-token"}""",
        };

        var lookup = await Check(quay, "quay.io/team/app:2", new RegistryCredential { Host = "quay.io", Username = "team+ci", Password = "robot-token" });

        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
        var token = quay.TokenRequests.ShouldHaveSingleItem();
        token.Query("service").ShouldBe("quay.io");
        token.Query("scope").ShouldBe("repository:team/app:pull");
        token.BasicCredentials.ShouldBe("team+ci:robot-token");
    }

    [Fact]
    public async Task GitLab_com_credentials_go_to_gitlab_com_jwt_auth()
    {
        // registry.gitlab.com: Bearer realm="https://gitlab.com/jwt/auth",service="container_registry" (GitLab docs,
        // "Container registry" administration: the registry trusts tokens GitLab's /jwt/auth issues).
        using var gitlab = new ReplayedRegistry
        {
            Challenge = """Bearer realm="https://gitlab.com/jwt/auth",service="container_registry",scope="repository:{repository}:pull" """,
            Realm = new Uri("https://gitlab.com/jwt/auth"),
            TokenAnswer = """{"token":"replayed-token"}""",
        };

        var lookup = await Check(gitlab, "registry.gitlab.com/group/project:3", new RegistryCredential { Host = "registry.gitlab.com", Username = "deploy", Password = "gldt-x" });

        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
        var token = gitlab.TokenRequests.ShouldHaveSingleItem();
        token.Query("service").ShouldBe("container_registry");
        token.Query("scope").ShouldBe("repository:group/project:pull");
        token.BasicCredentials.ShouldBe("deploy:gldt-x");
    }

    [Fact]
    public async Task A_self_hosted_GitLab_registry_sends_credentials_to_its_instance_only_when_the_settings_name_it()
    {
        var challenge = """Bearer realm="https://gitlab.example.com/jwt/auth",service="container_registry",scope="repository:{repository}:pull" """;
        var credential = new RegistryCredential { Host = "registry.example.com", Username = "deploy", Password = "gldt-x", Provider = "gitlab" };
        using var unnamed = new ReplayedRegistry { Challenge = challenge, Realm = new Uri("https://gitlab.example.com/jwt/auth"), TokenAnswer = """{"token":"replayed-token"}""" };
        using var named = new ReplayedRegistry { Challenge = challenge, Realm = new Uri("https://gitlab.example.com/jwt/auth"), TokenAnswer = """{"token":"replayed-token"}""" };

        await Check(unnamed, "registry.example.com/group/project:3", credential);
        var lookup = await Check(named, "registry.example.com/group/project:3", credential,
            [new TokenRealmTrust { Registry = "registry.example.com", RealmHost = "gitlab.example.com" }]);

        unnamed.TokenRequests.ShouldHaveSingleItem().Authorization.ShouldBeNull();
        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
        named.TokenRequests.ShouldHaveSingleItem().BasicCredentials.ShouldBe("deploy:gldt-x");
    }

    [Fact]
    public async Task Harbor_issues_its_token_from_service_token_on_the_same_host()
    {
        // Harbor's core answers Bearer realm="https://<host>/service/token",service="harbor-registry" (goharbor/harbor,
        // src/core/service/token); its token answer carries token, access_token, expires_in (1800 s by default), issued_at.
        using var harbor = new ReplayedRegistry
        {
            Challenge = """Bearer realm="https://harbor.example.com/service/token",service="harbor-registry",scope="repository:{repository}:pull" """,
            Realm = new Uri("https://harbor.example.com/service/token"),
            TokenAnswer = """{"token":"replayed-token","access_token":"","expires_in":1800,"issued_at":"2026-11-01T12:00:00Z"}""",
        };

        var lookup = await Check(harbor, "harbor.example.com/library/app:1",
            new RegistryCredential { Host = "harbor.example.com", Username = "robot$library+ci", Password = "secret", Provider = "harbor" });

        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
        var token = harbor.TokenRequests.ShouldHaveSingleItem();
        token.Query("service").ShouldBe("harbor-registry");
        token.Query("scope").ShouldBe("repository:library/app:pull");
        token.BasicCredentials.ShouldBe("robot$library+ci:secret");
    }

    [Fact]
    public async Task Nexus_with_the_bearer_token_realm_issues_a_DockerToken_on_its_own_v2_token()
    {
        // Nexus with the Docker Bearer Token Realm: Bearer realm="https://<host>/v2/token",service="https://<host>/v2/token",
        // without a scope; the answer is {"token":"DockerToken.<uuid>"} (Sonatype help, "Docker Authentication").
        using var nexus = new ReplayedRegistry
        {
            Challenge = """Bearer realm="https://nexus.example.com:8083/v2/token",service="https://nexus.example.com:8083/v2/token" """,
            Realm = new Uri("https://nexus.example.com:8083/v2/token"),
            TokenAnswer = """{"token":"DockerToken.5e0b0a6c-0000-4000-8000-000000000001"}""",
            AcceptedToken = "DockerToken.5e0b0a6c-0000-4000-8000-000000000001",
        };

        var lookup = await Check(nexus, "nexus.example.com:8083/team/app:1",
            new RegistryCredential { Host = "nexus.example.com:8083", Username = "ci", Password = "secret", Provider = "nexus" });

        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
        var token = nexus.TokenRequests.ShouldHaveSingleItem();
        token.Query("service").ShouldBe("https://nexus.example.com:8083/v2/token");
        token.Query("scope").ShouldBe("repository:team/app:pull");
        token.BasicCredentials.ShouldBe("ci:secret");
    }

    [Fact]
    public async Task Nexus_with_forced_basic_auth_takes_the_credentials_on_the_first_request()
    {
        // "Force basic authentication" on a Nexus Docker connector: BASIC realm="Sonatype Nexus Repository Manager".
        using var nexus = new ReplayedRegistry
        {
            Challenge = """BASIC realm="Sonatype Nexus Repository Manager" """,
            Realm = new Uri("https://nexus.example.com/none"),
            AcceptedBasic = "ci:secret",
        };

        var lookup = await Check(nexus, "nexus.example.com/team/app:1",
            new RegistryCredential { Host = "nexus.example.com", Username = "ci", Password = "secret", Provider = "nexus" });

        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
        nexus.Seen.ShouldHaveSingleItem().BasicCredentials.ShouldBe("ci:secret");
    }

    [Fact]
    public async Task Aliyun_credentials_go_to_dockerauth_of_the_region()
    {
        // As the registry answers (Alibaba Cloud blog "Reverse Proxy to Access Alibaba Cloud Container Registry", and
        // pull errors quoting the realm): Bearer realm="https://dockerauth.cn-hangzhou.aliyuncs.com/auth",
        // service="registry.aliyuncs.com:cn-hangzhou:26842".
        using var aliyun = new ReplayedRegistry
        {
            Challenge = """Bearer realm="https://dockerauth.cn-hangzhou.aliyuncs.com/auth",service="registry.aliyuncs.com:cn-hangzhou:26842",scope="repository:{repository}:pull" """,
            Realm = new Uri("https://dockerauth.cn-hangzhou.aliyuncs.com/auth"),
            TokenAnswer = """{"token":"replayed-token"}""",
        };

        var lookup = await Check(aliyun, "registry.cn-hangzhou.aliyuncs.com/team/app:1",
            new RegistryCredential { Host = "registry.cn-hangzhou.aliyuncs.com", Username = "ci@example", Password = "secret" });

        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
        var token = aliyun.TokenRequests.ShouldHaveSingleItem();
        token.Query("service").ShouldBe("registry.aliyuncs.com:cn-hangzhou:26842");
        token.Query("scope").ShouldBe("repository:team/app:pull");
        token.BasicCredentials.ShouldBe("ci@example:secret");
    }

    [Fact]
    public async Task Aliyun_credentials_never_go_to_a_realm_that_only_looks_like_dockerauth()
    {
        using var lookalike = new ReplayedRegistry
        {
            Challenge = """Bearer realm="https://dockerauth.cn-hangzhou.aliyuncs.com.example.net/auth",service="registry.aliyuncs.com:cn-hangzhou:26842",scope="repository:{repository}:pull" """,
            Realm = new Uri("https://dockerauth.cn-hangzhou.aliyuncs.com.example.net/auth"),
            TokenAnswer = """{"token":"replayed-token"}""",
        };

        await Check(lookalike, "registry.cn-hangzhou.aliyuncs.com/team/app:1",
            new RegistryCredential { Host = "registry.cn-hangzhou.aliyuncs.com", Username = "ci@example", Password = "secret" });

        lookalike.TokenRequests.ShouldHaveSingleItem().Authorization.ShouldBeNull();
    }

    [Fact]
    public async Task Docker_Hub_as_a_Provider_setting_never_sends_another_host_s_credentials_to_auth_docker_io()
    {
        using var impostor = new ReplayedRegistry
        {
            Challenge = """Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:{repository}:pull" """,
            Realm = new Uri("https://auth.docker.io/token"),
        };

        await Check(impostor, "registry.example.com/team/app:1",
            new RegistryCredential { Host = "registry.example.com", Username = "alice", Password = "secret", Provider = "dockerhub" });

        impostor.TokenRequests.ShouldHaveSingleItem().Authorization.ShouldBeNull();
    }

    [Fact]
    public async Task ACR_admin_or_service_principal_credentials_get_a_token_from_oauth2_token()
    {
        // Azure/acr docs/Token-BasicAuth.md: the challenge and GET /oauth2/token?service&scope with Basic → {"access_token":"eyJ…"}.
        using var acr = new ReplayedRegistry
        {
            Challenge = """Bearer realm="https://contosoregistry.azurecr.io/oauth2/token",service="contosoregistry.azurecr.io",scope="repository:{repository}:pull" """,
            Realm = new Uri("https://contosoregistry.azurecr.io/oauth2/token"),
            TokenAnswer = """{"access_token":"replayed-token"}""",
        };

        var lookup = await Check(acr, "contosoregistry.azurecr.io/hello-world:latest",
            new RegistryCredential { Host = "contosoregistry.azurecr.io", Username = "6f1e2d3c-app-id", Password = "sp-password" });

        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
        var token = acr.TokenRequests.ShouldHaveSingleItem();
        token.Method.ShouldBe(HttpMethod.Get);
        token.Query("service").ShouldBe("contosoregistry.azurecr.io");
        token.Query("scope").ShouldBe("repository:hello-world:pull");
        token.BasicCredentials.ShouldBe("6f1e2d3c-app-id:sp-password");
    }

    [Fact]
    public async Task ACR_refresh_token_is_traded_for_an_access_token_with_a_form_post()
    {
        // Azure/acr docs/AAD-OAuth.md: POST /oauth2/token, application/x-www-form-urlencoded,
        // grant_type=refresh_token&service=…&scope=…&refresh_token=… → {"access_token": …}.
        using var acr = new ReplayedRegistry
        {
            Challenge = """Bearer realm="https://contosoregistry.azurecr.io/oauth2/token",service="contosoregistry.azurecr.io",scope="repository:{repository}:pull" """,
            Realm = new Uri("https://contosoregistry.azurecr.io/oauth2/token"),
            TokenAnswer = """{"access_token":"replayed-token"}""",
        };

        var lookup = await Check(acr, "contosoregistry.azurecr.io/hello-world:latest",
            new RegistryCredential { Host = "contosoregistry.azurecr.io", Username = AcrProvider.RefreshTokenUser, Password = "acr-refresh-token" });

        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
        var token = acr.TokenRequests.ShouldHaveSingleItem();
        token.Method.ShouldBe(HttpMethod.Post);
        token.Authorization.ShouldBeNull();
        token.ContentType.ShouldBe("application/x-www-form-urlencoded");
        token.Body.ShouldBe("grant_type=refresh_token&service=contosoregistry.azurecr.io&scope=repository%3Ahello-world%3Apull&refresh_token=acr-refresh-token");
    }

    private async Task<DigestLookup> Check(ReplayedRegistry registry, string image, RegistryCredential? credential, TokenRealmTrust[]? realms = null)
    {
        var reference = ImageReference.Parse(image);
        // Every host has a settings entry, so no lookup needs stored credentials.
        var entry = credential ?? new RegistryCredential { Host = reference.Registry };
        var options = Options.Create(new DetectionOptions { Registries = [entry], TokenRealms = [.. realms ?? []], RequestTimeoutSeconds = 10 });
        return await RegistryClients.Pipeline(backend.Connect(), options, registry).Client.GetDigestAsync(reference, CancellationToken.None);
    }
}
