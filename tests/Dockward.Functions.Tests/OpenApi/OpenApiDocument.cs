extern alias JsonEverything;

using System.Text.Json;
using System.Text.Json.Nodes;
using Dockward.Testing;
using JsonEverything::Json.Schema;

namespace Dockward.Functions.Tests.OpenApi;

/// <summary>
/// The checked-in OpenAPI document (functions/OpenApi/openapi.json) read for the tests: its operations, and a
/// JSON Schema 2020-12 validator for its schemas (OpenAPI 3.1 schemas are JSON Schema), with every
/// <c>#/components/...</c> reference resolved inside the document.
/// </summary>
internal sealed class OpenApiDocument
{
    private static readonly Uri DocumentUri = new("https://dockward.local/openapi.json");
    private static readonly string[] Methods = ["get", "put", "post", "patch", "delete"];

    private readonly BuildOptions build;
    private readonly EvaluationOptions evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private OpenApiDocument(string text)
    {
        Text = text;
        Root = JsonNode.Parse(text)!.AsObject();
        build = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
        build.SchemaRegistry.Register(new JsonElementBaseDocument(JsonDocument.Parse(text).RootElement.Clone(), DocumentUri));
    }

    public static string FilePath { get; } = Path.Combine(RepoPaths.Root, "functions", "OpenApi", "openapi.json");

    /// <summary>The file exactly as checked in.</summary>
    public string Text { get; }

    public JsonObject Root { get; }

    public static OpenApiDocument Load() => new(File.ReadAllText(FilePath));

    /// <summary>Every operation: its method in upper case as the catalog writes it, its path, and the operation object.</summary>
    public IEnumerable<(string Method, string Path, JsonObject Operation)> Operations() =>
        from path in Root["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        select (method.Key.ToUpperInvariant(), path.Key, method.Value!.AsObject());

    /// <summary>An operation's response for <paramref name="status"/>, its <c>$ref</c> followed.</summary>
    public JsonObject? Response(string method, string path, int status)
    {
        var response = Root["paths"]?[path]?[method.ToLowerInvariant()]?["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        return response is null ? null : Resolve(response).AsObject();
    }

    /// <summary>Follows a local <c>$ref</c> (<c>#/components/responses/NotFound</c>) to what it names.</summary>
    public JsonNode Resolve(JsonNode node)
    {
        while (node is JsonObject o && o["$ref"]?.GetValue<string>() is { } reference && !reference.StartsWith("#/components/schemas/", StringComparison.Ordinal))
        {
            node = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((JsonNode)Root, (at, segment) => at[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]
                    ?? throw new InvalidOperationException($"{reference} does not resolve in the document."));
        }

        return node;
    }

    /// <summary>What is wrong with <paramref name="instance"/> against <paramref name="schema"/>; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate(JsonNode schema, JsonNode? instance)
    {
        var compiled = JsonSchema.Build(JsonSerializer.SerializeToElement(Absolute(schema.DeepClone())), build);
        var results = compiled.Evaluate(JsonSerializer.SerializeToElement(instance), evaluation);
        if (results.IsValid)
        {
            return [];
        }

        return [.. (results.Details ?? []).Append(results)
            .Where(r => r.Errors is { Count: > 0 })
            .SelectMany(r => r.Errors!.Select(e => $"{r.InstanceLocation} ({r.EvaluationPath}): {e.Key} {e.Value}"))
            .Distinct()];
    }

    /// <summary>
    /// Every property of <paramref name="instance"/> that <paramref name="schema"/> does not name: JSON Schema lets an
    /// object carry properties its schema never mentions, so a field the code writes but the document forgot would pass
    /// <see cref="Validate"/>. Objects documented as maps (<c>additionalProperties</c>) or with no properties are not checked.
    /// </summary>
    public IReadOnlyList<string> Undocumented(JsonNode schema, JsonNode? instance)
    {
        var found = new List<string>();
        Undocumented([schema], instance, "", found);
        return found;
    }

    private void Undocumented(IEnumerable<JsonNode> schemas, JsonNode? instance, string at, List<string> found)
    {
        var candidates = schemas.SelectMany(Alternatives).ToList();
        switch (instance)
        {
            case JsonObject o when candidates.Select(c => c["additionalProperties"]).OfType<JsonObject>().ToList() is { Count: > 0 } maps:
                foreach (var (name, value) in o)
                {
                    Undocumented(maps, value, $"{at}/{name}", found);
                }

                break;
            case JsonObject o:
                var properties = candidates.Select(c => c["properties"]).OfType<JsonObject>().SelectMany(p => p).ToLookup(p => p.Key, p => p.Value!, StringComparer.Ordinal);
                if (properties.Count == 0)
                {
                    break;
                }

                foreach (var (name, value) in o)
                {
                    if (!properties.Contains(name))
                    {
                        found.Add($"{at}/{name}");
                    }
                    else
                    {
                        Undocumented(properties[name], value, $"{at}/{name}", found);
                    }
                }

                break;
            case JsonArray a:
                var items = candidates.Select(c => c["items"]).OfType<JsonObject>().ToList();
                for (var i = 0; i < a.Count; i++)
                {
                    Undocumented(items, a[i], $"{at}/{i}", found);
                }

                break;
        }
    }

    /// <summary>A schema with its <c>$ref</c> followed and its <c>allOf</c>, <c>oneOf</c> and <c>anyOf</c> members, each of which the instance may follow.</summary>
    private IEnumerable<JsonNode> Alternatives(JsonNode schema)
    {
        if (schema is not JsonObject o)
        {
            yield break;
        }

        if (o["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/components/schemas/", StringComparison.Ordinal))
        {
            foreach (var resolved in Alternatives(Root["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!))
            {
                yield return resolved;
            }
        }

        yield return o;
        foreach (var member in new[] { "allOf", "oneOf", "anyOf" }.Select(k => o[k]).OfType<JsonArray>().SelectMany(a => a).OfType<JsonNode>())
        {
            foreach (var resolved in Alternatives(member))
            {
                yield return resolved;
            }
        }
    }

    /// <summary>Points the schema's document-relative references (<c>#/components/...</c>) at the registered document.</summary>
    private static JsonNode Absolute(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["$ref"] is JsonValue value && value.GetValue<string>() is { } reference && reference.StartsWith('#'))
                {
                    o["$ref"] = DocumentUri + reference;
                }

                foreach (var child in o.Select(p => p.Value).OfType<JsonNode>().ToList())
                {
                    Absolute(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a.OfType<JsonNode>())
                {
                    Absolute(child);
                }

                break;
        }

        return node;
    }
}
