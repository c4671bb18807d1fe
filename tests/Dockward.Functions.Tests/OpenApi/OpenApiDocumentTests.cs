using System.Text.Json.Nodes;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Tests.OpenApi;

/// <summary>
/// The OpenAPI document against the function catalog: every route documented once, with who may call it, and every
/// example in it valid against its schema. A route added without documentation fails here.
/// </summary>
[Trait("Area", "Api")]
public sealed class OpenApiDocumentTests
{
    /// <summary>Marks an operation documented from the issue 7 plan before its function is registered.</summary>
    private const string Planned = "x-dockward-planned";

    private static readonly OpenApiDocument Document = OpenApiDocument.Load();

    [Fact]
    public void Every_route_of_the_catalog_is_documented_by_exactly_one_operation()
    {
        var documented = Document.Operations().Select(o => $"{o.Method} {o.Path}").ToList();

        var missing = Routes().Select(r => $"{r.Method} {r.Route}").Where(route => !documented.Contains(route)).ToList();

        missing.ShouldBeEmpty("add these routes to functions/OpenApi/openapi.json");
        documented.ShouldBeUnique();
    }

    [Fact]
    public void Every_operation_is_a_registered_route_unless_it_is_marked_as_planned()
    {
        var registered = Routes().Select(r => $"{r.Method} {r.Route}").ToHashSet(StringComparer.Ordinal);
        var operations = Document.Operations().Select(o => (Route: $"{o.Method} {o.Path}", IsPlanned: o.Operation[Planned]?.GetValue<bool>() == true)).ToList();

        operations.Where(o => !o.IsPlanned && !registered.Contains(o.Route)).Select(o => o.Route)
            .ShouldBeEmpty("these operations document no registered route");
        operations.Where(o => o.IsPlanned && registered.Contains(o.Route)).Select(o => o.Route)
            .ShouldBeEmpty($"these routes are registered now: remove {Planned} from their operations and check them against the functions");
    }

    [Fact]
    public void Every_operation_has_a_unique_id_named_after_its_function_a_summary_tags_and_responses()
    {
        var functions = Routes().ToDictionary(r => $"{r.Method} {r.Route}", r => r.Name, StringComparer.Ordinal);
        var wrong = new List<string>();
        foreach (var (method, path, operation) in Document.Operations())
        {
            var id = operation["operationId"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(id)
                || string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>())
                || operation["tags"] is not JsonArray { Count: > 0 }
                || operation["responses"] is not JsonObject { Count: > 0 })
            {
                wrong.Add($"{method} {path}: needs operationId, summary, tags and responses");
            }
            else if (functions.TryGetValue($"{method} {path}", out var function) && id != function)
            {
                wrong.Add($"{method} {path}: operationId {id}, the function is {function}");
            }
        }

        wrong.ShouldBeEmpty();
        Document.Operations().Select(o => o.Operation["operationId"]?.GetValue<string>()).ShouldBeUnique();
    }

    [Fact]
    public void Every_operation_names_the_role_the_catalog_requires()
    {
        var access = Routes().ToDictionary(r => $"{r.Method} {r.Route}", r => r.Access.ToString().ToLowerInvariant(), StringComparer.Ordinal);
        var roles = new[] { "anonymous", "viewer", "operator", "admin", "agent", "webhook" };

        var wrong = Document.Operations()
            .Select(o => (Route: $"{o.Method} {o.Path}", Role: o.Operation["x-dockward-role"]?.GetValue<string>()))
            .Where(o => !roles.Contains(o.Role) || (access.TryGetValue(o.Route, out var required) && o.Role != required))
            .Select(o => $"{o.Route}: x-dockward-role {o.Role ?? "missing"}, the catalog says {access.GetValueOrDefault(o.Route, "(not registered)")}")
            .ToList();

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Every_route_that_needs_a_credential_documents_401_and_every_user_route_403()
    {
        var wrong = Document.Operations()
            .Where(o => o.Operation["x-dockward-role"]?.GetValue<string>() is "viewer" or "operator" or "admin" or "agent")
            .Where(o => Document.Response(o.Method, o.Path, 401) is null
                || (o.Operation["x-dockward-role"]!.GetValue<string>() != "agent" && Document.Response(o.Method, o.Path, 403) is null))
            .Select(o => $"{o.Method} {o.Path}")
            .ToList();

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Every_error_answer_is_documented_as_problem_json()
    {
        var wrong = new List<string>();
        foreach (var (method, path, operation) in Document.Operations())
        {
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                var content = Document.Resolve(response!)["content"]?.AsObject();
                var isProblem = content?.ContainsKey("application/problem+json") == true;
                // Update now answers 409 with the job already waiting (plain JSON), as docs/api.md says.
                if (status.StartsWith('4') || status.StartsWith('5'))
                {
                    if (!isProblem && !(method == "POST" && path.EndsWith("/update", StringComparison.Ordinal) && status == "409")
                        && !(path == "/ready" && status == "503"))
                    {
                        wrong.Add($"{method} {path} {status}");
                    }
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Every_example_in_the_document_is_valid_against_its_schema()
    {
        var examples = Examples(Document.Root, "#").ToList();
        var invalid = examples
            .SelectMany(e => Document.Validate(e.Schema, e.Example).Select(error => $"{e.Location}: {error}"))
            .ToList();

        // Every request body, success answer and problem carries one; a count guards against the walk finding none.
        examples.Count.ShouldBeGreaterThan(200);
        invalid.ShouldBeEmpty();
    }

    [Fact]
    public void A_wrong_example_is_caught_by_the_validation()
    {
        var job = Document.Root["components"]!["schemas"]!["Job"]!;

        var errors = Document.Validate(job, new JsonObject { ["id"] = "j1", ["state"] = "exploded", ["steps"] = 3 });

        errors.ShouldNotBeEmpty();
        string.Join("\n", errors).ShouldContain("/state");
    }

    [Fact]
    public void A_property_the_schema_does_not_name_is_caught_even_when_the_answer_is_valid()
    {
        var agent = Document.Root["components"]!["schemas"]!["Agent"]!;
        var answer = new JsonObject
        {
            ["id"] = "b79b58ed47ca435c9cea085cfeeb87b4",
            ["name"] = "docker-host-1",
            ["enrolledAt"] = "2026-11-23T10:25:27+00:00",
            ["credential"] = "s3cr3t",
            ["containers"] = new JsonObject { ["total"] = 1, ["running"] = 1, ["stopped"] = 0, ["unhealthy"] = 0, ["unknown"] = 0, ["paused"] = 0 },
        };

        Document.Validate(agent, answer).ShouldBeEmpty();
        Document.Undocumented(agent, answer).ShouldBe(["/credential", "/containers/paused"]);
    }

    [Fact]
    public void Every_schema_reference_names_a_schema_of_the_document()
    {
        var schemas = Document.Root["components"]!["schemas"]!.AsObject();

        var dangling = References(Document.Root)
            .Where(r => r.StartsWith("#/components/schemas/", StringComparison.Ordinal) && !schemas.ContainsKey(r["#/components/schemas/".Length..]))
            .Concat(References(Document.Root).Where(r => !r.StartsWith("#/components/", StringComparison.Ordinal)))
            .Distinct()
            .ToList();

        dangling.ShouldBeEmpty();
    }

    private static IReadOnlyList<HttpRegistration> Routes()
    {
        var registry = new FunctionRegistry();
        FunctionCatalog.Register(registry);
        return registry.Routes;
    }

    /// <summary>
    /// Every example with the schema it must satisfy: a parameter's or media type's <c>example</c> and each of its
    /// <c>examples</c>, and a schema's own <c>examples</c>.
    /// </summary>
    private static IEnumerable<(string Location, JsonNode Schema, JsonNode? Example)> Examples(JsonNode? node, string location)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["schema"] is JsonObject schema)
                {
                    if (o.ContainsKey("example"))
                    {
                        yield return (location + "/example", schema, o["example"]);
                    }

                    if (o["examples"] is JsonObject named)
                    {
                        foreach (var (name, example) in named)
                        {
                            yield return ($"{location}/examples/{name}", schema, Document.Resolve(example!)["value"]);
                        }
                    }
                }

                if (o.ContainsKey("type") && o["examples"] is JsonArray schemaExamples)
                {
                    foreach (var example in schemaExamples)
                    {
                        yield return (location + "/examples", o, example);
                    }
                }

                foreach (var (name, child) in o)
                {
                    if (name is not ("example" or "examples"))
                    {
                        foreach (var found in Examples(child, $"{location}/{name}"))
                        {
                            yield return found;
                        }
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var found in Examples(a[i], $"{location}/{i}"))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject o => (o["$ref"] is JsonValue r ? [r.GetValue<string>()] : Array.Empty<string>()).Concat(o.SelectMany(p => References(p.Value))),
        JsonArray a => a.SelectMany(References),
        _ => [],
    };
}
