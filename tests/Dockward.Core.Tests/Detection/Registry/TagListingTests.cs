using Dockward.Core.Detection;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Options;
using static Dockward.Testing.RegistryUploads;

namespace Dockward.Core.Tests.Detection.Registry;

/// <summary>Tag listing against the real distribution registry, anonymous and behind the token flow.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class TagListingTests(Servers servers) : IAsyncLifetime
{
    private static readonly string[] Tags = ["1.0", "1.1", "1.2", "2.0", "latest"];
    private readonly TableBackend backend = new(servers);
    private readonly string repository = Servers.UniqueName("tags") + "/app";

    public async Task InitializeAsync()
    {
        var manifest = await PushManifestAsync(servers.Registry, repository, "linux/amd64", "tags");
        foreach (var tag in Tags)
        {
            await TagAsync(servers.Registry, repository, tag, manifest);
        }
    }

    public async Task DisposeAsync() => await backend.DisposeAsync();

    // Debian's distribution 2.8.2 ignores n on tags/list (tag pagination came with distribution v3), so here the
    // whole list comes in one answer; FakeRegistryTests replays v3's pages and Link headers.
    [Fact]
    public async Task Every_tag_is_listed_when_asking_for_pages_of_two()
    {
        var pipeline = Pipeline();

        var listing = await pipeline.Client.ListTagsAsync(Image(servers.Registry), 2, CancellationToken.None);

        listing.Error.ShouldBeNull();
        listing.Tags.ShouldBe(Tags, ignoreOrder: true); // distribution 2.8 lists in storage order, not sorted
        listing.Tags.ShouldBeUnique();
    }

    [Fact]
    public async Task Every_tag_is_listed_in_one_page_at_the_registry_default()
    {
        var listing = await Pipeline().Client.ListTagsAsync(Image(servers.Registry), CancellationToken.None);

        listing.Tags.ShouldBe(Tags, ignoreOrder: true); // distribution 2.8 lists in storage order, not sorted
    }

    [Fact]
    public async Task Pages_behind_a_token_registry_are_followed_with_the_token()
    {
        var listing = await Pipeline().Client.ListTagsAsync(Image(servers.TokenRegistry), 2, CancellationToken.None);

        listing.Error.ShouldBeNull();
        listing.Tags.ShouldBe(Tags, ignoreOrder: true); // distribution 2.8 lists in storage order, not sorted
    }

    [Fact]
    public async Task An_unknown_repository_is_reported_as_not_found()
    {
        var image = ImageReference.Parse($"{servers.Registry.Host}/{Servers.UniqueName("nobody")}/app:1.0");

        var listing = await Pipeline().Client.ListTagsAsync(image, CancellationToken.None);

        listing.Tags.ShouldBeEmpty();
        listing.Error.ShouldBe($"{image} not found on {servers.Registry.Host}");
    }

    private ImageReference Image(RegistryServer registry) => ImageReference.Parse($"{registry.Host}/{repository}:latest");

    private RegistryPipeline Pipeline() =>
        RegistryClients.Pipeline(backend.Connect(), Options.Create(new DetectionOptions { RequestTimeoutSeconds = 10 }));
}
