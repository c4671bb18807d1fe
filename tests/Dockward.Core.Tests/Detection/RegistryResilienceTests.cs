using System.Net;
using Dockward.Core.Detection;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection;

/// <summary>Retries of passing failures and the per-registry limit, over a scripted transport.</summary>
[Trait("Area", "Detection")]
public sealed class RegistryResilienceTests
{
    [Fact]
    public async Task A_registry_answering_503_twice_then_200_is_asked_three_times_and_the_answer_is_200()
    {
        var transport = new Scripted(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);

        using var response = await Send(transport);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        transport.Calls.ShouldBe(3);
    }

    [Fact]
    public async Task A_registry_that_keeps_failing_is_asked_three_times_and_its_last_answer_stands()
    {
        var transport = new Scripted(HttpStatusCode.BadGateway, HttpStatusCode.GatewayTimeout, HttpStatusCode.InternalServerError, HttpStatusCode.OK);

        using var response = await Send(transport);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        transport.Calls.ShouldBe(RegistryRetryHandler.Attempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.BadRequest)]
    public async Task An_answer_that_is_not_a_passing_failure_is_not_retried(HttpStatusCode status)
    {
        var transport = new Scripted(status, HttpStatusCode.OK);

        using var response = await Send(transport);

        response.StatusCode.ShouldBe(status);
        transport.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        var transport = new Scripted(null, HttpStatusCode.OK);

        using var response = await Send(transport);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        transport.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task No_more_than_the_limit_of_requests_are_in_flight_to_one_registry_while_another_registry_is_not_held_up()
    {
        var host = $"limit-{Guid.NewGuid():N}.example";
        var transport = new Slow(TimeSpan.FromMilliseconds(200));
        var options = Options.Create(new DetectionOptions { MaxConcurrentPerRegistry = 2 });
        using var client = new HttpClient(new RegistryConcurrencyHandler(options) { InnerHandler = transport });

        var many = Enumerable.Range(0, 8).Select(_ => client.GetAsync(new Uri($"https://{host}/v2/")));
        var other = client.GetAsync(new Uri($"https://other-{host}/v2/"));
        await Task.WhenAll([.. many, other]);

        transport.MostInFlight(host).ShouldBe(2);
        transport.MostInFlight($"other-{host}").ShouldBe(1);
    }

    private static Task<HttpResponseMessage> Send(HttpMessageHandler transport)
    {
        var client = new HttpClient(new RegistryRetryHandler(TimeProvider.System) { InnerHandler = transport });
        return client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("https://registry.example/v2/app/manifests/1.0")));
    }

    /// <summary>Answers with the scripted statuses in turn; null throws as a dropped connection does.</summary>
    private sealed class Scripted(params HttpStatusCode?[] answers) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = answers[Math.Min(Calls++, answers.Length - 1)];
            return answer is { } status
                ? Task.FromResult(new HttpResponseMessage(status))
                : throw new HttpRequestException("connection reset");
        }
    }

    /// <summary>Takes a while to answer and records the most requests it held at once per host.</summary>
    private sealed class Slow(TimeSpan delay) : HttpMessageHandler
    {
        private readonly Lock gate = new();
        private readonly Dictionary<string, (int Now, int Most)> hosts = [];

        public int MostInFlight(string host)
        {
            lock (gate)
            {
                return hosts[host].Most;
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var host = request.RequestUri!.Host;
            lock (gate)
            {
                var (now, most) = hosts.GetValueOrDefault(host);
                hosts[host] = (now + 1, Math.Max(most, now + 1));
            }

            await Task.Delay(delay, cancellationToken);
            lock (gate)
            {
                var (now, most) = hosts[host];
                hosts[host] = (now - 1, most);
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
