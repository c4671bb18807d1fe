using Dockward.Core.Detection;

namespace Dockward.Core.Tests.Detection;

[Trait("Area", "Detection")]
public sealed class ImageReferenceTests
{
    private static readonly string Digest = "sha256:" + new string('c', 64);

    [Theory]
    [InlineData("nginx", "docker.io/library/nginx:latest")]
    [InlineData("nginx:1.27", "docker.io/library/nginx:1.27")]
    [InlineData("library/nginx", "docker.io/library/nginx:latest")]
    [InlineData("docker.io/nginx", "docker.io/library/nginx:latest")]
    [InlineData("index.docker.io/library/nginx:1.27", "docker.io/library/nginx:1.27")]
    [InlineData("grafana/grafana:11.0.0", "docker.io/grafana/grafana:11.0.0")]
    [InlineData("ghcr.io/immich-app/immich-server:release", "ghcr.io/immich-app/immich-server:release")]
    [InlineData("registry.example.com:5000/team/app", "registry.example.com:5000/team/app:latest")]
    [InlineData("127.0.0.1:5000/app:v2", "127.0.0.1:5000/app:v2")]
    [InlineData("localhost/app", "localhost/app:latest")]
    [InlineData("localhost:5000/team/app:dev", "localhost:5000/team/app:dev")]
    [InlineData("[::1]:5000/app:1", "[::1]:5000/app:1")]
    [InlineData("my-registry/app", "docker.io/my-registry/app:latest")]
    [InlineData("a/b.c/d__e/f-g--h:Tag_1.x-y", "docker.io/a/b.c/d__e/f-g--h:Tag_1.x-y")]
    public void A_reference_is_normalised_to_its_canonical_form(string text, string canonical)
    {
        ImageReference.Parse(text).ToString().ShouldBe(canonical);
    }

    [Fact]
    public void Docker_hub_images_get_the_hub_registry_the_library_prefix_and_the_latest_tag()
    {
        var reference = ImageReference.Parse("nginx");

        reference.ShouldBe(new ImageReference("docker.io", "library/nginx", "latest", null));
        reference.Name.ShouldBe("docker.io/library/nginx");
        reference.ApiHost.ShouldBe("registry-1.docker.io");
    }

    [Fact]
    public void A_registry_with_a_port_is_kept_and_asked_directly()
    {
        var reference = ImageReference.Parse("registry.example.com:5000/team/app:1.2");

        reference.ShouldBe(new ImageReference("registry.example.com:5000", "team/app", "1.2", null));
        reference.ApiHost.ShouldBe("registry.example.com:5000");
    }

    [Fact]
    public void Localhost_is_a_registry_even_without_a_dot_or_port()
    {
        ImageReference.Parse("localhost/app").ShouldBe(new ImageReference("localhost", "app", "latest", null));
    }

    [Fact]
    public void A_first_component_without_dot_port_or_localhost_is_a_docker_hub_namespace()
    {
        ImageReference.Parse("myregistry/app").ShouldBe(new ImageReference("docker.io", "myregistry/app", "latest", null));
    }

    [Fact]
    public void A_digest_reference_has_no_implied_tag()
    {
        var reference = ImageReference.Parse("nginx@" + Digest);

        reference.ShouldBe(new ImageReference("docker.io", "library/nginx", null, Digest));
        reference.ToString().ShouldBe("docker.io/library/nginx@" + Digest);
    }

    [Fact]
    public void A_reference_may_carry_both_tag_and_digest()
    {
        var reference = ImageReference.Parse("127.0.0.1:5000/team/app:1.2@" + Digest);

        reference.ShouldBe(new ImageReference("127.0.0.1:5000", "team/app", "1.2", Digest));
    }

    [Fact]
    public void A_repo_digest_as_docker_reports_it_names_the_same_repository_as_the_tagged_image()
    {
        var running = ImageReference.Parse("127.0.0.1:5000/team/app@" + Digest);

        running.SameRepository(ImageReference.Parse("127.0.0.1:5000/team/app:latest")).ShouldBeTrue();
        running.SameRepository(ImageReference.Parse("127.0.0.1:5001/team/app:latest")).ShouldBeFalse();
        running.SameRepository(ImageReference.Parse("127.0.0.1:5000/team/other:latest")).ShouldBeFalse();
        ImageReference.Parse("nginx@" + Digest).SameRepository(ImageReference.Parse("docker.io/library/nginx:1.27")).ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("nginx latest", "contains spaces")]
    [InlineData(" nginx", "contains spaces")]
    [InlineData("nginx\t", "contains spaces")]
    [InlineData("Nginx", "invalid repository path")]
    [InlineData("team/MyApp:1.0", "invalid repository path")]
    [InlineData("registry.example.com/Team/app", "invalid repository path")]
    [InlineData("registry.example.com:5000/", "invalid repository path")]
    [InlineData(":latest", "invalid repository path")]
    [InlineData("/nginx", "invalid repository path")]
    [InlineData("team//app", "invalid repository path")]
    [InlineData("team/app-", "invalid repository path")]
    [InlineData("team/-app", "invalid repository path")]
    [InlineData("team/a...b", "invalid repository path")]
    [InlineData("nginx:", "invalid tag")]
    [InlineData("nginx:-rc1", "invalid tag")]
    [InlineData("nginx:.hidden", "invalid tag")]
    [InlineData("nginx:1.0+build", "invalid tag")]
    [InlineData("nginx:版本", "invalid tag")]
    [InlineData("nginx:１２", "invalid tag")]
    [InlineData("nginx@sha256:abc", "invalid digest")]
    [InlineData("nginx@md5:0123456789abcdef0123456789abcdef", "invalid digest")]
    [InlineData("nginx@", "invalid digest")]
    [InlineData("bad_host.example.com/app", "invalid registry host")]
    [InlineData("-bad.example.com/app", "invalid registry host")]
    public void A_malformed_reference_is_refused_with_the_reason(string? text, string reason)
    {
        ImageReference.TryParse(text, out var reference, out var error).ShouldBeFalse();

        reference.ShouldBeNull();
        error.ShouldContain(reason);
        Should.Throw<FormatException>(() => ImageReference.Parse(text!)).Message.ShouldBe(error);
    }

    [Fact]
    public void A_tag_of_129_characters_is_refused_and_one_of_128_accepted()
    {
        ImageReference.TryParse("nginx:" + new string('a', 128), out _, out _).ShouldBeTrue();
        ImageReference.TryParse("nginx:" + new string('a', 129), out _, out var error).ShouldBeFalse();
        error.ShouldContain("invalid tag");
    }

    [Fact]
    public void An_overlong_reference_is_refused_with_a_shortened_echo()
    {
        var text = "team/" + new string('a', 600);

        ImageReference.TryParse(text, out _, out var error).ShouldBeFalse();

        error.ShouldContain("too long");
        error.Length.ShouldBeLessThan(200);
    }
}
