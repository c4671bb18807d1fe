using System.Net;
using Dockward.Core.Detection;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection;

/// <summary>A registry whose connection drops while an answer's body is read: a failed check with the reason, never an exception.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class RegistryBrokenAnswerTests(Servers servers) : IAsyncLifetime
{
    private const string Host = "registry.example.com";
    private readonly TableBackend backend = new(servers);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Fact]
    public async Task A_manifest_body_cut_short_fails_the_lookup_with_the_reason()
    {
        var options = Options.Create(new DetectionOptions { Registries = [new RegistryCredential { Host = Host }], RequestTimeoutSeconds = 10 });
        var pipeline = RegistryClients.Pipeline(backend.Connect(), options, new DropsMidBody());

        var lookup = await pipeline.Client.GetDigestAsync(ImageReference.Parse($"{Host}/team/app:1.0"), CancellationToken.None);

        lookup.Digest.ShouldBeNull();
        lookup.Error.ShouldNotBeNull().ShouldStartWith($"{Host} broke off its answer: ");
    }

    /// <summary>HEAD answers without a digest (so the client GETs the manifest), and the GET's body breaks off.</summary>
    private sealed class DropsMidBody : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = request.Method == HttpMethod.Head ? new ByteArrayContent([]) : new StreamContent(new BreaksOff()),
            });
    }

    private sealed class BreaksOff : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("The response ended prematurely.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new IOException("The response ended prematurely."));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
