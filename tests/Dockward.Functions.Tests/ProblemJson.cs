using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dockward.Functions.Tests;

/// <summary>Reads an RFC 9457 problem response, asserting it is one.</summary>
internal static class ProblemJson
{
    public const string MediaType = "application/problem+json";

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe(MediaType, body);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        return problem;
    }
}
